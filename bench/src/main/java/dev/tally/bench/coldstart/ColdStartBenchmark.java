package dev.tally.bench.coldstart;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.tally.local.runtime.lambda.ContainerLauncher;
import dev.tally.local.runtime.lambda.Invocation;
import dev.tally.local.runtime.lambda.InvocationResult;
import dev.tally.local.runtime.lambda.LocalLambda;
import dev.tally.local.runtime.stack.LocalStack;
import dev.tally.local.runtime.stack.StackOptions;
import dev.tally.local.runtime.template.FunctionDefinition;
import dev.tally.local.runtime.template.TemplateReader;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The cold-start benchmark: every function of template.yaml, and the two reference functions, started
 * cold {@code --runs} times through the local runtime's real containers (its launcher, JVM flags,
 * environment and Runtime API), then invoked warm {@code --warm} times; once without and once with
 * the local AOT cache. Per function: Init Duration, first-invoke Duration, their sum and Max Memory
 * Used (median, min, max), warm Duration p50/p99, and the ratio of the cold total to the floor's,
 * run by run (the floor is measured in the same run, right before the functions). Prints a table
 * and writes the numbers as JSON. See {@code bench/run-coldstart-benchmark.sh}.
 */
public final class ColdStartBenchmark {

    static final String FLOOR = "BenchFloorFunction";
    static final String NAIVE = "BenchNaiveFunction";
    /** Each warm login is ~600,000 PBKDF2 rounds by design (ADR 0024): fewer warm logins keep the run short. */
    static final int AUTH_WARM_LIMIT = 20;

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Options options;
    private final PrintStream out;

    ColdStartBenchmark(Options options, PrintStream out) {
        this.options = options;
        this.out = out;
    }

    /**
     * What to run.
     *
     * @param root the repository root (template.yaml, the function jars)
     * @param referenceJar the reference functions' jar, relative to the root
     * @param outputDirectory where the template, data, logs and JSON go
     * @param runs cold starts per function and mode
     * @param warm warm invocations per function and mode
     * @param modes {@code no-cache} and/or {@code aot-cache}
     * @param jdk the JDK for every function (null: the one matching each function's Runtime)
     * @param only the functions to measure besides the references (empty: all)
     * @param jvmFlags flags added after the local runtime's container defaults (e.g. {@code -Xlog:class+load})
     * @param variants copies of template functions with other {@code JAVA_TOOL_OPTIONS}, measured beside them
     */
    record Options(
            Path root,
            String referenceJar,
            Path outputDirectory,
            int runs,
            int warm,
            List<String> modes,
            Path jdk,
            List<String> only,
            List<String> jvmFlags,
            Map<String, BenchTemplate.Variant> variants) {

        /** The template function a measured function is (itself, or the base of a variant). */
        String base(String function) {
            BenchTemplate.Variant variant = variants.get(function);
            return variant == null ? function : variant.base();
        }
    }

    public static void main(String[] args) throws Exception {
        Options options = parse(args);
        Map<String, Object> result = new ColdStartBenchmark(options, System.out).run();
        Path json = options.outputDirectory().resolve("coldstart.json");
        JSON.writeValue(json.toFile(), result);
        System.out.println("JSON: " + json);
        System.exit(0);
    }

    Map<String, Object> run() throws IOException {
        Path template = options.outputDirectory().resolve("template.yaml");
        BenchTemplate.write(
                options.root().resolve("template.yaml"), options.referenceJar(), options.variants(), template);
        List<String> functions = new ArrayList<>(List.of(FLOOR, NAIVE));
        for (FunctionDefinition function :
                TemplateReader.read(options.root().resolve("template.yaml")).functions()) {
            if (options.only().isEmpty() || options.only().contains(function.logicalId())) {
                functions.add(function.logicalId());
            }
        }
        for (String variant : options.variants().keySet()) {
            functions.add(functions.indexOf(options.variants().get(variant).base()) + 1, variant);
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("startedAt", Instant.now().toString());
        result.put("machine", machine());
        result.put("runs", options.runs());
        result.put("warmInvocations", options.warm());
        Map<String, Object> modes = new LinkedHashMap<>();
        result.put("modes", modes);
        for (String mode : options.modes()) {
            modes.put(mode, measureMode(mode, template, functions));
            if (modes.size() < options.modes().size()) {
                printTables(result, functions); // the first mode's table, in case the run is cut short
            }
        }
        result.put("failedInitsRetried", Map.copyOf(FAILED_INITS));
        if (modes.containsKey("no-cache") && modes.containsKey("aot-cache")) {
            result.put("aotCacheVsNoCacheFloor", aotVsFloor(modes, functions));
        }
        printTables(result, functions);
        return result;
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> measureMode(String mode, Path template, List<String> functions) throws IOException {
        Path data = options.outputDirectory().resolve("data-" + mode);
        Path log = options.outputDirectory().resolve("stack-" + mode + ".log");
        out.println("== " + mode + ": starting the local stack (log: " + log + ")");
        try (PrintStream stackLog = new PrintStream(Files.newOutputStream(log), true, StandardCharsets.UTF_8)) {
            StackOptions stackOptions = new StackOptions(
                    template,
                    options.root(),
                    0,
                    data,
                    true,
                    null,
                    null,
                    "us-east-1",
                    "tally",
                    1,
                    Duration.ofHours(2),
                    jvmFlags(),
                    stackLog,
                    options.jdk(),
                    mode.equals("aot-cache"));
            try (LocalStack stack = LocalStack.start(stackOptions)) {
                Map<String, Object> measured =
                        measure(stack.lambda(), new ReportLog(data.resolve("reports.jsonl")), functions, mode);
                for (String function : functions) {
                    ((Map<String, Object>) measured.get(function)).put("aotCacheUsed", hasAotCache(data, function));
                }
                return measured;
            }
        }
    }

    private static boolean hasAotCache(Path data, String function) throws IOException {
        Path directory = data.resolve("aot");
        if (!Files.isDirectory(directory)) {
            return false;
        }
        try (var files = Files.list(directory)) {
            return files.map(file -> file.getFileName().toString())
                    .anyMatch(name ->
                            name.startsWith(function + "-") && name.endsWith(".aot") && !name.contains(".training."));
        }
    }

    private List<String> jvmFlags() {
        List<String> flags = new ArrayList<>(ContainerLauncher.defaultJvmFlags());
        flags.addAll(options.jvmFlags());
        return flags;
    }

    private Map<String, Object> measure(LocalLambda lambda, ReportLog reports, List<String> functions, String mode)
            throws IOException {
        BenchEvents events = new BenchEvents();
        if (functions.stream().anyMatch(f -> !f.equals(FLOOR) && !f.equals(NAIVE))) {
            long auths = functions.stream()
                    .filter(f -> options.base(f).equals("AuthFunction"))
                    .count();
            signIn(lambda, events, (int) (1 + auths * (1 + options.runs() + AUTH_WARM_LIMIT)));
        }
        Map<String, List<JsonNode>> cold = new LinkedHashMap<>();
        functions.forEach(f -> cold.put(f, new ArrayList<>()));
        // One unmeasured cold start each first: the page cache then holds every jar for every measured run.
        for (String function : functions) {
            lambda.stopIdleContainers(function);
            invoke(lambda, reports, function, events);
        }
        for (int run = 1; run <= options.runs(); run++) {
            out.print("   " + mode + " cold run " + run + "/" + options.runs() + ":");
            for (String function : functions) {
                lambda.stopIdleContainers(function);
                JsonNode report = invoke(lambda, reports, function, events);
                cold.get(function).add(report);
                out.print(" " + shortName(function) + "=" + Math.round(total(report)));
            }
            out.println();
        }
        Map<String, Object> byFunction = new LinkedHashMap<>();
        List<JsonNode> floor = cold.get(FLOOR);
        for (String function : functions) {
            int warmCount = options.base(function).equals("AuthFunction")
                    ? Math.min(options.warm(), AUTH_WARM_LIMIT)
                    : options.warm();
            List<Double> warm = new ArrayList<>();
            for (int i = 0; i < warmCount; i++) {
                warm.add(invoke(lambda, reports, function, events)
                        .path("durationMs")
                        .asDouble());
            }
            List<JsonNode> reportsOfFunction = cold.get(function);
            List<Double> ratios = new ArrayList<>();
            for (int run = 0; run < reportsOfFunction.size(); run++) {
                ratios.add(total(reportsOfFunction.get(run)) / total(floor.get(run)));
            }
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("initMs", Stats.summary(values(reportsOfFunction, "initDurationMs")));
            entry.put("firstInvokeMs", Stats.summary(values(reportsOfFunction, "durationMs")));
            entry.put(
                    "coldTotalMs",
                    Stats.summary(reportsOfFunction.stream()
                            .map(ColdStartBenchmark::total)
                            .toList()));
            entry.put("maxMemoryUsedMb", Stats.summary(values(reportsOfFunction, "maxMemoryUsedMb")));
            entry.put(
                    "warm",
                    Map.of(
                            "invocations",
                            warmCount,
                            "p50Ms",
                            Stats.round(Stats.percentile(warm, 50)),
                            "p99Ms",
                            Stats.round(Stats.percentile(warm, 99))));
            entry.put(
                    "ratioToFloor",
                    Map.of(
                            "median",
                            Math.round(Stats.median(ratios) * 100) / 100.0,
                            "perRun",
                            ratios.stream()
                                    .map(r -> Math.round(r * 100) / 100.0)
                                    .toList()));
            entry.put("jarBytes", Files.size(lambda.function(function).codeJar()));
            byFunction.put(function, entry);
            out.println("   " + mode + " warm " + shortName(function) + ": p50 "
                    + Stats.round(Stats.percentile(warm, 50)) + " ms");
        }
        return byFunction;
    }

    /** Registers enough accounts for {@code logins} logins (ADR 0145's per-account limit), then signs in. */
    private void signIn(LocalLambda lambda, BenchEvents events, int logins) {
        InvocationResult registered = invokeRetryingInit(lambda, "AuthFunction", events.register());
        for (int account = 1; account * BenchEvents.LOGINS_PER_ACCOUNT < logins; account++) {
            InvocationResult another = lambda.invoke("AuthFunction", Invocation.of(events.register()));
            if (!another.succeeded()) {
                throw new IllegalStateException("cannot register a benchmark account: " + another);
            }
        }
        InvocationResult login = lambda.invoke("AuthFunction", Invocation.of(events.login()));
        if (!(login instanceof InvocationResult.Success success) || !registered.succeeded()) {
            throw new IllegalStateException("cannot sign in the benchmark user: " + login);
        }
        events.accessToken(
                BenchEvents.responseBody(success.payload()).path("accessToken").asText());
    }

    /**
     * On a loaded machine a cold start's first SDK call can outlast the client's 5 s API call timeout
     * and fail the init: such an init is retried (at most twice, counted in {@link #FAILED_INITS}).
     */
    private static InvocationResult invokeRetryingInit(LocalLambda lambda, String function, byte[] payload) {
        InvocationResult result = null;
        for (int attempt = 0; attempt < 3; attempt++) {
            result = lambda.invoke(function, Invocation.of(payload));
            if (!(result instanceof InvocationResult.FunctionError error
                    && error.errorType().contains("ExceptionInInitializerError"))) {
                return result;
            }
            FAILED_INITS.merge(function, 1, Integer::sum);
        }
        return result;
    }

    static final Map<String, Integer> FAILED_INITS = new java.util.concurrent.ConcurrentHashMap<>();

    private JsonNode invoke(LocalLambda lambda, ReportLog reports, String function, BenchEvents events)
            throws IOException {
        byte[] payload = events.eventFor(options.base(function));
        Invocation invocation = Invocation.of(payload);
        InvocationResult result = lambda.invoke(function, invocation);
        for (int attempt = 1;
                attempt < 3
                        && result instanceof InvocationResult.FunctionError error
                        && error.errorType().contains("ExceptionInInitializerError");
                attempt++) {
            FAILED_INITS.merge(function, 1, Integer::sum);
            invocation = Invocation.of(payload);
            result = lambda.invoke(function, invocation);
        }
        if (!(result instanceof InvocationResult.Success success)) {
            throw new IllegalStateException(function + " failed: " + describe(result));
        }
        int status = BenchEvents.statusCode(success.payload());
        if (status >= 400) {
            throw new IllegalStateException(
                    function + " answered " + status + ": " + new String(success.payload(), StandardCharsets.UTF_8));
        }
        String base = options.base(function);
        if (base.equals("CommandWorkerFunction") || base.equals("SummaryProjectionFunction")) {
            JsonNode failures = new ObjectMapper().readTree(success.payload()).path("batchItemFailures");
            if (failures.size() > 0) {
                throw new IllegalStateException(function + " reported batch item failures: " + failures);
            }
        }
        return reports.report(invocation.requestId());
    }

    private static String describe(InvocationResult result) {
        if (result instanceof InvocationResult.FunctionError error) {
            return error.errorType() + " " + new String(error.payload(), StandardCharsets.UTF_8);
        }
        return result.toString();
    }

    static double total(JsonNode report) {
        return report.path("initDurationMs").asDouble()
                + report.path("durationMs").asDouble();
    }

    private static List<Double> values(List<JsonNode> reports, String field) {
        return reports.stream().map(report -> report.path(field).asDouble()).toList();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> aotVsFloor(Map<String, Object> modes, List<String> functions) {
        Map<String, Object> noCache = (Map<String, Object>) modes.get("no-cache");
        Map<String, Object> aot = (Map<String, Object>) modes.get("aot-cache");
        double floor = median(noCache, FLOOR);
        Map<String, Object> ratios = new LinkedHashMap<>();
        for (String function : functions) {
            ratios.put(function, Math.round(median(aot, function) / floor * 100) / 100.0);
        }
        return ratios;
    }

    @SuppressWarnings("unchecked")
    private static double median(Map<String, Object> mode, String function) {
        Map<String, Object> entry = (Map<String, Object>) mode.get(function);
        return ((Map<String, Double>) entry.get("coldTotalMs")).get("median");
    }

    @SuppressWarnings("unchecked")
    private void printTables(Map<String, Object> result, List<String> functions) {
        Map<String, Object> modes = (Map<String, Object>) result.get("modes");
        Map<String, Object> aotRatios = (Map<String, Object>) result.get("aotCacheVsNoCacheFloor");
        for (Map.Entry<String, Object> mode : modes.entrySet()) {
            out.println();
            out.println("### " + mode.getKey() + " (" + result.get("runs")
                    + " cold starts per function; medians [min–max])");
            out.println();
            out.println(
                    "| function | Init ms | first invoke ms | cold total ms | × floor | Max Memory MB | warm p50 ms | warm p99 ms | jar MB |"
                            + (mode.getKey().equals("aot-cache") && aotRatios != null ? " × no-cache floor |" : ""));
            out.println("|---|---:|---:|---:|---:|---:|---:|---:|---:|"
                    + (mode.getKey().equals("aot-cache") && aotRatios != null ? "---:|" : ""));
            Map<String, Object> byFunction = (Map<String, Object>) mode.getValue();
            for (String function : functions) {
                Map<String, Object> e = (Map<String, Object>) byFunction.get(function);
                Map<String, Object> warm = (Map<String, Object>) e.get("warm");
                String cacheNote = mode.getKey().equals("aot-cache") && !Boolean.TRUE.equals(e.get("aotCacheUsed"))
                        ? " (no cache: training failed)"
                        : "";
                out.println("| " + function + cacheNote + " | " + range(e.get("initMs")) + " | "
                        + range(e.get("firstInvokeMs")) + " | "
                        + range(e.get("coldTotalMs")) + " | "
                        + ((Map<String, Object>) e.get("ratioToFloor")).get("median")
                        + " | " + range(e.get("maxMemoryUsedMb")) + " | " + warm.get("p50Ms") + " | "
                        + warm.get("p99Ms")
                        + " | " + String.format("%.1f", ((Number) e.get("jarBytes")).doubleValue() / 1_000_000) + " |"
                        + (mode.getKey().equals("aot-cache") && aotRatios != null
                                ? " " + aotRatios.get(function) + " |"
                                : ""));
            }
        }
        Map<String, Object> noCache = (Map<String, Object>) modes.get("no-cache");
        if (noCache != null && noCache.containsKey(NAIVE)) {
            out.println();
            for (String function : functions) {
                double naive = (Double)
                        ((Map<String, Object>) ((Map<String, Object>) noCache.get(NAIVE)).get("warm")).get("p50Ms");
                double own = (Double)
                        ((Map<String, Object>) ((Map<String, Object>) noCache.get(function)).get("warm")).get("p50Ms");
                out.println("warm p50 naive / " + function + ": " + String.format("%.2f", naive / own));
            }
        }
        out.println();
        out.println("Inits that failed and were retried (client timeouts on a loaded machine): " + FAILED_INITS);
        out.println("Machine: " + result.get("machine"));
    }

    @SuppressWarnings("unchecked")
    private static String range(Object summary) {
        Map<String, Double> s = (Map<String, Double>) summary;
        return Math.round(s.get("median")) + " [" + Math.round(s.get("min")) + "–" + Math.round(s.get("max")) + "]";
    }

    private static String shortName(String function) {
        return function.replace("Function", "").replace("Bench", "");
    }

    private static Map<String, Object> machine() {
        Map<String, Object> machine = new LinkedHashMap<>();
        machine.put("cores", Runtime.getRuntime().availableProcessors());
        machine.put(
                "loadAverage",
                Math.round(ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage() * 100) / 100.0);
        machine.put("benchmarkJvm", Runtime.version().toString());
        machine.put("os", System.getProperty("os.name") + " " + System.getProperty("os.arch"));
        machine.put("nodelay", Boolean.getBoolean("sun.net.httpserver.nodelay"));
        return machine;
    }

    static Options parse(String[] args) {
        Path root = Path.of(".").toAbsolutePath().normalize();
        int runs = 5;
        int warm = 200;
        List<String> modes = List.of("no-cache", "aot-cache");
        Path jdk = null;
        List<String> only = List.of();
        List<String> jvmFlags = new ArrayList<>();
        Map<String, BenchTemplate.Variant> variants = new LinkedHashMap<>();
        String referenceJar = "bench/target/tally-bench-0.1.0-SNAPSHOT-reference.jar";
        Path output = null;
        for (int i = 0; i < args.length; i++) {
            String value = i + 1 < args.length ? args[i + 1] : null;
            switch (args[i]) {
                case "--runs" -> {
                    runs = Integer.parseInt(value);
                    i++;
                }
                case "--warm" -> {
                    warm = Integer.parseInt(value);
                    i++;
                }
                case "--root" -> {
                    root = Path.of(value).toAbsolutePath().normalize();
                    i++;
                }
                case "--jdk" -> {
                    jdk = Path.of(value);
                    i++;
                }
                case "--reference-jar" -> {
                    referenceJar = value;
                    i++;
                }
                case "--out" -> {
                    output = Path.of(value).toAbsolutePath();
                    i++;
                }
                case "--no-aot-cache" -> modes = List.of("no-cache");
                case "--aot-cache-only" -> modes = List.of("aot-cache");
                case "--only" -> {
                    only = List.of(value.split(","));
                    i++;
                }
                case "--jvm-flag" -> {
                    jvmFlags.add(value);
                    i++;
                }
                case "--variant" -> {
                    // NAME=BASE:JAVA_TOOL_OPTIONS, e.g. AuthC1=AuthFunction:-XX:TieredStopAtLevel=1
                    int equals = value.indexOf('=');
                    int colon = value.indexOf(':', equals + 1);
                    if (equals < 1 || colon < 0) {
                        throw new IllegalArgumentException("--variant NAME=BASE:JAVA_TOOL_OPTIONS, was " + value);
                    }
                    variants.put(
                            value.substring(0, equals),
                            new BenchTemplate.Variant(value.substring(equals + 1, colon), value.substring(colon + 1)));
                    i++;
                }
                default ->
                    throw new IllegalArgumentException(
                            "unknown option " + args[i]
                                    + " (--runs N --warm N --no-aot-cache --aot-cache-only --jdk PATH --only F1,F2 --jvm-flag F --variant NAME=BASE:JAVA_TOOL_OPTIONS --root DIR --out DIR)");
            }
        }
        if (runs < 1 || warm < 1) {
            throw new IllegalArgumentException("--runs and --warm must be at least 1");
        }
        return new Options(
                root,
                referenceJar,
                output != null ? output : root.resolve("bench/target/coldstart"),
                runs,
                warm,
                modes,
                jdk,
                only,
                jvmFlags,
                variants);
    }
}
