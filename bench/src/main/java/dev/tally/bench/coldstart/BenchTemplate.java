package dev.tally.bench.coldstart;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The template the cold-start benchmark runs: template.yaml as it is, plus the two reference
 * functions (so they get the same Globals: runtime, memory, JVM flags, tracing), with the event
 * source mappings disabled (the benchmark sends every event itself; a mapping polling in the
 * background would share the two cores with the measured function) and every function's timeout
 * at five minutes (a cold start on a loaded machine must not time out; the JVM flags are unchanged).
 */
final class BenchTemplate {

    private static final String WORKER_QUEUE = "            Queue: !GetAtt CommandsQueue.Arn\n";
    private static final String PROJECTION_STREAM = "            Stream: !GetAtt DebtsTable.StreamArn\n";

    private BenchTemplate() {}

    /**
     * Writes the benchmark's template.
     *
     * @param template template.yaml
     * @param referenceJar the jar of the reference functions, relative to the template's directory
     * @param target where to write it
     */
    static void write(Path template, String referenceJar, Path target) throws IOException {
        write(template, referenceJar, Map.of(), target);
    }

    /**
     * Writes the benchmark's template with variants: for each {@code name -> (base, flags)}, a copy of
     * function {@code base} named {@code name}, without its events (so no route or mapping is shared), whose
     * {@code JAVA_TOOL_OPTIONS} is {@code flags}. The benchmark measures a variant like its base, in the
     * same rounds, so two JVM settings of one function compare pair by pair.
     */
    static void write(Path template, String referenceJar, Map<String, Variant> variants, Path target)
            throws IOException {
        String yaml = Files.readString(template);
        StringBuilder copies = new StringBuilder();
        for (Map.Entry<String, Variant> variant : variants.entrySet()) {
            copies.append(variant(yaml, variant.getKey(), variant.getValue()));
        }
        if (copies.length() > 0) {
            yaml = insertAfter(yaml, "\nResources:\n", copies.toString());
        }
        yaml = insertAfter(
                yaml,
                "\nResources:\n",
                reference(ColdStartBenchmark.FLOOR, "FloorHandler", referenceJar)
                        + reference(ColdStartBenchmark.NAIVE, "NaiveHandler", referenceJar));
        if (yaml.contains(WORKER_QUEUE)) {
            yaml = insertAfter(yaml, WORKER_QUEUE, "            Enabled: false\n");
        }
        if (yaml.contains(PROJECTION_STREAM)) {
            yaml = insertAfter(yaml, PROJECTION_STREAM, "            Enabled: false\n");
        }
        // A cold start on a loaded machine can outlast the template's timeouts: give every function five minutes.
        yaml = yaml.replaceAll("(?m)^(\\s+)Timeout: \\d+$", "$1Timeout: 300");
        Files.createDirectories(target.getParent());
        Files.writeString(target, yaml);
    }

    private static final String FUNCTION_VARIABLES = "      Environment:\n        Variables:\n";

    /** A copy of a template function under another name with other JVM options. */
    record Variant(String base, String javaToolOptions) {}

    private static String variant(String yaml, String name, Variant variant) {
        Matcher start = Pattern.compile("(?m)^  " + Pattern.quote(variant.base()) + ":\n")
                .matcher(yaml);
        if (!start.find()) {
            throw new IllegalArgumentException("template.yaml has no function " + variant.base());
        }
        Matcher next = Pattern.compile("(?m)^  \\S").matcher(yaml);
        int end = next.find(start.end()) ? next.start() : yaml.length();
        String block = yaml.substring(start.start(), end);
        block = "  " + name + ":\n" + block.substring(start.end() - start.start());
        block = block.replaceAll("(?m)^      Events:\n(?:^        .*\n|^\\s*\n)*", "");
        if (!block.contains("JAVA_TOOL_OPTIONS:")) {
            // the function inherits Globals' options: the copy sets its own (SAM merges the variables)
            if (!block.contains(FUNCTION_VARIABLES)) {
                throw new IllegalArgumentException(
                        variant.base() + " has no Environment.Variables to add JAVA_TOOL_OPTIONS to");
            }
            block = block.replace(FUNCTION_VARIABLES, FUNCTION_VARIABLES + "          JAVA_TOOL_OPTIONS: x\n");
        }
        block = block.replaceAll(
                "(?m)^(\\s+)JAVA_TOOL_OPTIONS: .*$",
                "$1JAVA_TOOL_OPTIONS: " + Matcher.quoteReplacement(variant.javaToolOptions()));
        return block.endsWith("\n\n") ? block : block + "\n";
    }

    private static String reference(String name, String handler, String jar) {
        return "  " + name + ":\n"
                + "    Type: AWS::Serverless::Function\n"
                + "    Metadata:\n"
                + "      SkipBuild: true\n"
                + "    Properties:\n"
                + "      Description: Cold-start benchmark reference function (bench).\n"
                + "      Handler: dev.tally.bench.coldstart.reference." + handler + "\n"
                + "      CodeUri: " + jar + "\n"
                + "      Environment:\n"
                + "        Variables:\n"
                + "          TABLE_NAME: !Ref DebtsTable\n\n";
    }

    private static String insertAfter(String yaml, String anchor, String insertion) {
        int at = yaml.indexOf(anchor);
        if (at < 0) {
            throw new IllegalStateException("template.yaml no longer contains '" + anchor.strip()
                    + "'; update BenchTemplate to the new layout");
        }
        int end = at + anchor.length();
        return yaml.substring(0, end) + insertion + yaml.substring(end);
    }
}
