package dev.tally.bench.async;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

/**
 * The asynchronous half of the pipeline alone (issue 11, ADR 0117): commands are sent straight to the
 * running stack's {@code commands.fifo} (as the submission function would, without the HTTP API and
 * its functions), open loop at {@code --rate}, and every user's summary is read from the summaries table
 * every {@code --poll-ms}. A command is reflected at the first summary read after its send that
 * includes it and every earlier command of its user (creates only raise {@code owedToMe}, payments only
 * lower {@code owedByMe}: both totals are monotone). Prints send→summary lags and the drain rate, and
 * checks that every summary ends equal to the sum of the commands sent.
 *
 * <pre>java -cp ... dev.tally.bench.async.AsyncPathBenchmark --dynamodb URL --sqs URL --rate 100 --seconds 30</pre>
 */
public final class AsyncPathBenchmark {

    private static final long BANK_MINOR = 10_000_000;

    private record Sent(String userId, long owedToMe, long owedByMe, long sentNanos) {}

    private final DynamoDbClient dynamoDb;
    private final SqsClient sqs;
    private final String queueUrl;
    private final String summariesTable;
    private final Random random = new Random(11);

    private AsyncPathBenchmark(URI dynamoDbEndpoint, URI sqsEndpoint) {
        var credentials = StaticCredentialsProvider.create(AwsBasicCredentials.create("bench", "bench"));
        dynamoDb = DynamoDbClient.builder()
                .endpointOverride(dynamoDbEndpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(credentials)
                .httpClient(UrlConnectionHttpClient.create())
                .build();
        sqs = SqsClient.builder()
                .endpointOverride(sqsEndpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(credentials)
                .httpClient(UrlConnectionHttpClient.create())
                .build();
        queueUrl = sqs.listQueues().queueUrls().stream()
                .filter(url -> url.endsWith("-commands.fifo"))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("no *-commands.fifo queue at " + sqsEndpoint));
        summariesTable = dynamoDb.listTables().tableNames().stream()
                .filter(name -> name.endsWith("-summaries"))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("no *-summaries table at " + dynamoDbEndpoint));
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            options.put(args[i], args[i + 1]);
        }
        AsyncPathBenchmark bench =
                new AsyncPathBenchmark(URI.create(options.get("--dynamodb")), URI.create(options.get("--sqs")));
        bench.run(
                Double.parseDouble(options.getOrDefault("--rate", "100")),
                Integer.parseInt(options.getOrDefault("--seconds", "30")),
                Integer.parseInt(options.getOrDefault("--users", "20")),
                Integer.parseInt(options.getOrDefault("--poll-ms", "10")),
                Path.of(options.getOrDefault("--out", "bench/target/async-path.json")));
        System.exit(0);
    }

    private void run(double rate, int seconds, int users, int pollMillis, Path out) throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 6);
        int total = (int) Math.round(rate * seconds);
        // A debt takes at most 200 commands: enough bank debts per user for its payments.
        int banks = (int) Math.max(1, Math.ceil(total / (double) users / 2 * 1.5 / 150));
        List<String> userIds = new ArrayList<>();
        Map<String, List<String>> bankDebts = new HashMap<>();
        List<SendMessageBatchRequestEntry> setup = new ArrayList<>();
        for (int u = 0; u < users; u++) {
            String userId = "bench-" + run + "-" + u;
            userIds.add(userId);
            List<String> debts = new ArrayList<>();
            for (int b = 0; b < banks; b++) {
                String debtId = UUID.randomUUID().toString();
                debts.add(debtId);
                setup.add(entry(userId, "CREATE_DEBT", createBody(userId, debtId, "Bank", "OWED_BY_ME", BANK_MINOR)));
            }
            bankDebts.put(userId, debts);
        }
        send(setup);
        Map<String, long[]> expected = new ConcurrentHashMap<>();
        for (String userId : userIds) {
            expected.put(userId, new long[] {0, BANK_MINOR * banks});
        }
        awaitSummaries(userIds, expected, Duration.ofSeconds(120));
        System.out.printf(
                Locale.ROOT, "[async] %d users ready; offering %.0f commands/s for %d s%n", users, rate, seconds);

        List<Sent> sent = Collections.synchronizedList(new ArrayList<>());
        Map<String, List<Sent>> byUser = new ConcurrentHashMap<>();
        userIds.forEach(user -> byUser.put(user, Collections.synchronizedList(new ArrayList<>())));
        Map<String, Integer> reflectedIndex = new ConcurrentHashMap<>();
        List<Long> lagsMicros = Collections.synchronizedList(new ArrayList<>());
        long[] lastReflectedNanos = {0};
        ExecutorService senders = Executors.newSingleThreadExecutor();
        Thread poller = new Thread(
                () -> poll(userIds, byUser, reflectedIndex, lagsMicros, lastReflectedNanos, pollMillis, total));
        poller.setDaemon(true);
        poller.start();

        long start = System.nanoTime();
        int next = 0;
        while (next < total) {
            long due = start + (long) (next * 1e9 / rate);
            long now = System.nanoTime();
            if (now < due) {
                Thread.sleep(Math.max(0, (due - now) / 1_000_000), (int) ((due - now) % 1_000_000));
                continue;
            }
            List<SendMessageBatchRequestEntry> chunk = new ArrayList<>();
            List<Sent> chunkSent = new ArrayList<>();
            while (next < total && start + (long) (next * 1e9 / rate) <= System.nanoTime() && chunk.size() < 10) {
                String userId = userIds.get(next % users);
                boolean create = random.nextBoolean();
                long amount = create ? 100 + random.nextInt(9_900) : 1 + random.nextInt(100);
                long[] totals = expected.get(userId);
                if (create) {
                    totals[0] += amount;
                    chunk.add(entry(
                            userId,
                            "CREATE_DEBT",
                            createBody(userId, UUID.randomUUID().toString(), "Friend", "OWED_TO_ME", amount)));
                } else {
                    totals[1] -= amount;
                    List<String> debts = bankDebts.get(userId);
                    String bank = debts.get(random.nextInt(debts.size()));
                    chunk.add(entry(userId, "RECORD_PAYMENT", paymentBody(userId, bank, amount)));
                }
                chunkSent.add(new Sent(userId, totals[0], totals[1], 0));
                next++;
            }
            senders.submit(() -> {
                send(chunk);
                long sentAt = System.nanoTime();
                for (Sent s : chunkSent) {
                    Sent stamped = new Sent(s.userId(), s.owedToMe(), s.owedByMe(), sentAt);
                    byUser.get(s.userId()).add(stamped);
                    sent.add(stamped);
                }
            });
        }
        senders.shutdown();
        senders.awaitTermination(120, TimeUnit.SECONDS);
        long offered = System.nanoTime() - start;
        boolean drained = awaitSummaries(userIds, expected, Duration.ofSeconds(180));
        poller.interrupt();
        poller.join(2_000);
        List<Long> lags = new ArrayList<>(lagsMicros);
        Collections.sort(lags);
        double drainSeconds = (lastReflectedNanos[0] - start) / 1e9;
        String json = String.format(
                Locale.ROOT,
                "{\"rate\":%.1f,\"seconds\":%d,\"users\":%d,\"sent\":%d,\"offeredSeconds\":%.2f,\"reflected\":%d,"
                        + "\"reflectedPerSecond\":%.1f,\"lagMillis\":{\"p50\":%.1f,\"p90\":%.1f,\"p99\":%.1f,\"max\":%.1f},"
                        + "\"summariesRight\":%s,\"load\":\"%s\"}",
                rate,
                seconds,
                users,
                sent.size(),
                offered / 1e9,
                lags.size(),
                lags.size() / Math.max(drainSeconds, offered / 1e9),
                pct(lags, 0.50),
                pct(lags, 0.90),
                pct(lags, 0.99),
                pct(lags, 1.0),
                drained,
                Files.readString(Path.of("/proc/loadavg")).trim());
        System.out.println(json);
        Files.createDirectories(out.toAbsolutePath().getParent());
        Files.writeString(out, json + "\n");
    }

    private void poll(
            List<String> userIds,
            Map<String, List<Sent>> byUser,
            Map<String, Integer> reflectedIndex,
            List<Long> lagsMicros,
            long[] lastReflectedNanos,
            int pollMillis,
            int total) {
        while (!Thread.currentThread().isInterrupted()) {
            for (String userId : userIds) {
                long readStart = System.nanoTime();
                long[] totals = totals(userId);
                long readAt = System.nanoTime();
                List<Sent> mine = byUser.get(userId);
                int from = reflectedIndex.getOrDefault(userId, 0);
                synchronized (mine) {
                    int i = from;
                    while (i < mine.size()
                            && mine.get(i).sentNanos() <= readStart
                            && mine.get(i).owedToMe() <= totals[0]
                            && mine.get(i).owedByMe() >= totals[1]) {
                        lagsMicros.add((readAt - mine.get(i).sentNanos()) / 1_000);
                        lastReflectedNanos[0] = readAt;
                        i++;
                    }
                    reflectedIndex.put(userId, i);
                }
            }
            try {
                Thread.sleep(pollMillis);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private boolean awaitSummaries(List<String> userIds, Map<String, long[]> expected, Duration limit)
            throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline) {
            boolean all = true;
            for (String userId : userIds) {
                long[] totals = totals(userId);
                long[] want = expected.get(userId);
                if (totals[0] != want[0] || totals[1] != want[1]) {
                    all = false;
                    break;
                }
            }
            if (all) {
                return true;
            }
            Thread.sleep(100);
        }
        return false;
    }

    /** owedToMe and owedByMe in EUR minor units; owedByMe is a large number before the bank debt exists. */
    private long[] totals(String userId) {
        Map<String, AttributeValue> item = dynamoDb.getItem(request -> request.tableName(summariesTable)
                        .key(Map.of("userId", AttributeValue.fromS(userId)))
                        .consistentRead(true))
                .item();
        if (item == null || !item.containsKey("currencies")) {
            return new long[] {0, -1};
        }
        AttributeValue eur = item.get("currencies").m().get("EUR");
        if (eur == null) {
            return new long[] {0, -1};
        }
        return new long[] {
            Long.parseLong(eur.m().get("owedToMe").n()),
            Long.parseLong(eur.m().get("owedByMe").n())
        };
    }

    private void send(List<SendMessageBatchRequestEntry> entries) {
        for (int from = 0; from < entries.size(); from += 10) {
            List<SendMessageBatchRequestEntry> chunk = entries.subList(from, Math.min(entries.size(), from + 10));
            var response =
                    sqs.sendMessageBatch(request -> request.queueUrl(queueUrl).entries(chunk));
            if (!response.failed().isEmpty()) {
                throw new IllegalStateException("SendMessageBatch failed: " + response.failed());
            }
        }
    }

    private static int sequence;

    private static synchronized SendMessageBatchRequestEntry entry(String userId, String type, String body) {
        String commandId = UUID.randomUUID().toString();
        return SendMessageBatchRequestEntry.builder()
                .id("e" + (sequence++))
                .messageBody(body.replace("$COMMAND_ID", commandId))
                .messageGroupId(userId)
                .messageDeduplicationId(commandId)
                .messageAttributes(Map.of(
                        "commandType",
                        MessageAttributeValue.builder()
                                .dataType("String")
                                .stringValue(type)
                                .build()))
                .build();
    }

    private static String createBody(String userId, String debtId, String name, String direction, long minor) {
        return "{\"commandId\":\"$COMMAND_ID\",\"type\":\"CREATE_DEBT\",\"schemaVersion\":1,\"userId\":\"" + userId
                + "\",\"issuedAt\":\"" + Instant.now() + "\",\"payload\":{\"debtId\":\"" + debtId
                + "\",\"counterparty\":{\"name\":\"" + name + "\"},\"direction\":\"" + direction
                + "\",\"amount\":{\"amount\":\"" + money(minor) + "\",\"currency\":\"EUR\"}}}";
    }

    private static String paymentBody(String userId, String debtId, long minor) {
        return "{\"commandId\":\"$COMMAND_ID\",\"type\":\"RECORD_PAYMENT\",\"schemaVersion\":1,\"userId\":\""
                + userId + "\",\"issuedAt\":\"" + Instant.now() + "\",\"payload\":{\"debtId\":\"" + debtId
                + "\",\"amount\":{\"amount\":\"" + money(minor) + "\",\"currency\":\"EUR\"},\"paidAt\":\""
                + Instant.now() + "\"}}";
    }

    private static String money(long minor) {
        return String.format(Locale.ROOT, "%d.%02d", minor / 100, minor % 100);
    }

    private static double pct(List<Long> sortedMicros, double p) {
        if (sortedMicros.isEmpty()) {
            return -1;
        }
        int index = (int) Math.min(sortedMicros.size() - 1, Math.ceil(p * sortedMicros.size()) - 1);
        return sortedMicros.get(Math.max(0, index)) / 1000.0;
    }

    static {
        try {
            Files.createDirectories(Path.of("bench/target"));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
