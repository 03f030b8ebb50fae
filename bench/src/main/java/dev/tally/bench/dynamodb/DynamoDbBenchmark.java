package dev.tally.bench.dynamodb;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.IntFunction;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Measures Tally's embedded DynamoDB side by side with moto and dynoxide on the same workload, in one run, and
 * writes a markdown table: throughput of each {@link Workload} and startup time.
 *
 * <p>Options: {@code --seconds N} measured seconds per workload (default 5), {@code --warmup N} unmeasured seconds
 * before each (default 2), {@code --threads N} client threads (default 4), {@code --servers
 * tally,tally-process,moto,dynoxide} ({@code tally} is embedded in this JVM, {@code tally-process} the standalone jar in
 * its own JVM; default all), {@code --client sdk|raw|sdk,raw} (the AWS SDK, or {@link RawDynamoDbClient}: same
 * requests without the SDK's cost; default sdk), {@code --out FILE} (default {@code target/dynamodb-benchmark.md}).
 * A server that cannot start fails the run.
 */
public final class DynamoDbBenchmark {

    private static final Map<String, IntFunction<BenchTarget>> STARTERS = new LinkedHashMap<>();

    static {
        STARTERS.put("tally", EmbeddedTarget::start);
        STARTERS.put("tally-process", ProcessTarget::tallyProcess);
        STARTERS.put("moto", ProcessTarget::moto);
        STARTERS.put("dynoxide", ProcessTarget::dynoxide);
    }

    private DynamoDbBenchmark() {}

    /** Runs the benchmark; see the class comment for the options. */
    public static void main(String[] args) throws IOException {
        Map<String, String> options = parse(args);
        Duration measured = Duration.ofSeconds(Long.parseLong(options.getOrDefault("seconds", "5")));
        int threads = Integer.parseInt(options.getOrDefault("threads", "4"));
        List<String> servers = List.of(options.getOrDefault("servers", String.join(",", STARTERS.keySet()))
                .split(","));
        List<String> clients = List.of(options.getOrDefault("client", "sdk").split(","));
        Path out = Path.of(options.getOrDefault("out", "target/dynamodb-benchmark.md"));
        Duration warmUp = Duration.ofSeconds(Long.parseLong(options.getOrDefault("warmup", "2")));
        String table = run(servers, clients, measured, warmUp, threads);
        Files.createDirectories(out.toAbsolutePath().getParent());
        Files.writeString(out, table);
        System.out.println(table);
        System.out.println("written to " + out.toAbsolutePath());
    }

    /** Measures the given servers with the SDK client and returns the markdown results. */
    static String run(List<String> servers, Duration measured, Duration warmUp, int threads) {
        return run(servers, List.of("sdk"), measured, warmUp, threads);
    }

    /** Measures the given servers with each of the given clients ({@code sdk}, {@code raw}); markdown results. */
    static String run(List<String> servers, List<String> clients, Duration measured, Duration warmUp, int threads) {
        clients.forEach(client -> {
            if (!client.equals("sdk") && !client.equals("raw")) {
                throw new IllegalArgumentException("unknown client '" + client + "'; known: sdk, raw");
            }
        });
        Map<String, Map<String, Map<Workload, ThroughputRunner.Result>>> throughput = new LinkedHashMap<>();
        clients.forEach(client -> throughput.put(client, new LinkedHashMap<>()));
        Map<String, Double> startup = new LinkedHashMap<>();
        for (String server : servers) {
            IntFunction<BenchTarget> starter = STARTERS.get(server);
            if (starter == null) {
                throw new IllegalArgumentException("unknown server '" + server + "'; known: " + STARTERS.keySet());
            }
            System.out.println("measuring " + server + " ...");
            startup.put(
                    server,
                    server.equals("tally")
                            ? StartupProbe.medianMillis(starter, 3, 7)
                            : StartupProbe.medianMillis(starter, 0, 3));
            Map<String, Map<Workload, ThroughputRunner.Result>> results =
                    measure(starter, clients, measured, warmUp, threads);
            results.forEach((client, byWorkload) -> throughput.get(client).put(server, byWorkload));
        }
        StringBuilder out = new StringBuilder();
        throughput.forEach(
                (client, byServer) -> out.append(markdown(client, byServer, startup, measured, warmUp, threads))
                        .append('\n'));
        return out.toString();
    }

    private static Map<String, Map<Workload, ThroughputRunner.Result>> measure(
            IntFunction<BenchTarget> starter, List<String> clients, Duration measured, Duration warmUp, int threads) {
        Map<String, Map<Workload, ThroughputRunner.Result>> results = new LinkedHashMap<>();
        try (BenchTarget target = starter.apply(StartupProbe.freePort());
                DynamoDbClient client = awaitClient(target)) {
            Workload.prepare(client);
            for (String clientKind : clients) {
                Map<Workload, ThroughputRunner.Result> byWorkload = new EnumMap<>(Workload.class);
                for (Workload workload : Workload.values()) {
                    byWorkload.put(
                            workload,
                            ThroughputRunner.run(
                                    clientKind.equals("raw")
                                            ? ThroughputRunner.raw(target.endpoint(), workload)
                                            : ThroughputRunner.sdk(client, workload),
                                    threads,
                                    warmUp,
                                    measured));
                }
                results.put(clientKind, byWorkload);
            }
        }
        return results;
    }

    private static DynamoDbClient awaitClient(BenchTarget target) {
        DynamoDbClient client = Clients.forEndpoint(target.endpoint());
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            try {
                client.listTables(b -> b.limit(1));
                return client;
            } catch (software.amazon.awssdk.core.exception.SdkClientException notYet) {
                if (System.nanoTime() > deadline) {
                    client.close();
                    throw new IllegalStateException(target.name() + " did not answer within 60 s", notYet);
                }
                Thread.onSpinWait();
            }
        }
    }

    private static String markdown(
            String client,
            Map<String, Map<Workload, ThroughputRunner.Result>> throughput,
            Map<String, Double> startup,
            Duration measured,
            Duration warmUp,
            int threads) {
        List<String> servers = new ArrayList<>(throughput.keySet());
        List<String> tallies = servers.contains("moto")
                ? servers.stream().filter(s -> s.startsWith("tally")).toList()
                : List.of();
        StringBuilder out = new StringBuilder();
        List<String> failures = new ArrayList<>();
        out.append(String.format(
                Locale.ROOT,
                "Run %s; Java %s; %d CPUs (load average at the end: %s); %d client threads;"
                        + " %d s per workload after %d s warm-up; client: %s.%n%n",
                Instant.now(),
                System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors(),
                loadAverage(),
                threads,
                measured.toSeconds(),
                warmUp.toSeconds(),
                client.equals("raw")
                        ? "raw (hand-written JSON 1.0 over one keep-alive HTTP/1.1 socket per thread)"
                        : "sdk (AWS SDK v2 sync client with url-connection-client, shared by the threads)"));
        out.append("| workload (operations/s) | ").append(String.join(" | ", servers));
        tallies.forEach(tally -> out.append(" | ").append(tally).append(" ÷ moto"));
        out.append(" |\n|---|");
        servers.forEach(s -> out.append("---:|"));
        tallies.forEach(s -> out.append("---:|"));
        out.append('\n');
        for (Workload workload : Workload.values()) {
            out.append("| ").append(workload.label()).append(" |");
            for (String server : servers) {
                ThroughputRunner.Result result = throughput.get(server).get(workload);
                out.append(String.format(
                        Locale.ROOT,
                        " %.0f%s |",
                        result.operationsPerSecond(),
                        result.failures() > 0 ? " (" + result.failures() + " failed)" : ""));
            }
            for (String tally : tallies) {
                out.append(String.format(
                        Locale.ROOT,
                        " %.1f× |",
                        throughput.get(tally).get(workload).operationsPerSecond()
                                / throughput.get("moto").get(workload).operationsPerSecond()));
            }
            out.append('\n');
        }
        throughput.forEach((server, results) -> results.forEach((workload, result) -> {
            if (result.firstFailure() != null) {
                failures.add("- " + server + ", " + workload.label() + ": " + result.failures() + " of "
                        + (result.operations() + result.failures()) + " failed; first: " + result.firstFailure());
            }
        }));
        out.append("| **startup to first answered request (ms, median)** |");
        servers.forEach(server -> out.append(String.format(Locale.ROOT, " %.0f |", startup.get(server))));
        tallies.forEach(s -> out.append(" |"));
        out.append('\n');
        out.append(
                "\nStartup: tally = `EmbeddedDynamoDb.builder().start()` in this already warm JVM (median of 7 after 3"
                        + " warm-ups); tally-process (a new JVM), moto and dynoxide = process start (median of 3). Each ends at"
                        + " the first answered ListTables.\n");
        if (!failures.isEmpty()) {
            out.append("\nFailed operations (counted as not done):\n")
                    .append(String.join("\n", failures))
                    .append('\n');
        }
        return out.toString();
    }

    /** The 1, 5 and 15 minute load averages: the machine is shared, so the numbers need this context. */
    private static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return fields[0] + " " + fields[1] + " " + fields[2];
        } catch (IOException | RuntimeException unavailable) {
            return "unknown";
        }
    }

    private static Map<String, String> parse(String[] args) {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException(
                        "expected --name value pairs (--seconds, --warmup, --threads, --servers, --client, --out),"
                                + " got: " + args[i]);
            }
            options.put(args[i].substring(2), args[++i]);
        }
        return options;
    }
}
