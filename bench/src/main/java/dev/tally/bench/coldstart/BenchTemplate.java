package dev.tally.bench.coldstart;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

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
        String yaml = Files.readString(template);
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
