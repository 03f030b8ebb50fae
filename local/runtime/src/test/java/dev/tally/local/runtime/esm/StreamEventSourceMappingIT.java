package dev.tally.local.runtime.esm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tally.local.dynamodb.EmbeddedDynamoDb;
import dev.tally.local.runtime.RecordingPlatformLog;
import dev.tally.local.runtime.TestFunctionJar;
import dev.tally.local.runtime.lambda.ContainerLauncher;
import dev.tally.local.runtime.lambda.FunctionSpec;
import dev.tally.local.runtime.lambda.LocalLambda;
import dev.tally.local.runtime.sqs.EmbeddedSqs;
import dev.tally.local.runtime.stack.LocalClients;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.StreamRecord;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;

/**
 * The DynamoDB Streams event source mapping with a real function container, a real stream (the
 * embedded DynamoDB) and the embedded SQS as on-failure destination. Each test names the AWS behaviour it checks, from
 * https://docs.aws.amazon.com/lambda/latest/dg/services-dynamodb-errors.html and
 * https://docs.aws.amazon.com/lambda/latest/dg/services-ddb-batchfailurereporting.html.
 */
class StreamEventSourceMappingIT {

    private static final String REGION = "eu-west-1";
    private static final ObjectMapper JSON = new ObjectMapper();

    private static EmbeddedDynamoDb dynamoDb;
    private static EmbeddedSqs sqs;
    private static LocalClients clients;

    @TempDir
    Path directory;

    private final List<AutoCloseable> resources = new ArrayList<>();
    private Path recordFile;
    private String failureQueueUrl;

    @BeforeAll
    static void startServices() throws Exception {
        dynamoDb = EmbeddedDynamoDb.builder().port(0).region(REGION).start();
        sqs = EmbeddedSqs.start(0, REGION, LocalLambda.ACCOUNT_ID);
        clients = new LocalClients(REGION, sqs.endpoint(), dynamoDb.endpoint());
    }

    @AfterAll
    static void stopServices() throws Exception {
        clients.close();
        sqs.close();
        dynamoDb.close();
    }

    @BeforeEach
    void createFailureQueue() {
        failureQueueUrl = clients.sqs()
                .createQueue(r -> r.queueName("failures-" + UUID.randomUUID()))
                .queueUrl();
    }

    @AfterEach
    void closeResources() throws Exception {
        for (AutoCloseable resource : resources) {
            resource.close();
        }
    }

    private String table() {
        String name = "t" + UUID.randomUUID().toString().substring(0, 8);
        clients.dynamoDb()
                .createTable(r -> r.tableName(name)
                        .attributeDefinitions(a -> a.attributeName("pk").attributeType("S"))
                        .keySchema(k -> k.attributeName("pk").keyType("HASH"))
                        .billingMode("PAY_PER_REQUEST")
                        .streamSpecification(
                                s -> s.streamEnabled(true).streamViewType(StreamViewType.NEW_AND_OLD_IMAGES)));
        return name;
    }

    private String streamArn(String table) {
        return clients.dynamoDb().describeTable(r -> r.tableName(table)).table().latestStreamArn();
    }

    private void put(String table, String pk, String mode) {
        clients.dynamoDb()
                .putItem(r -> r.tableName(table)
                        .item(Map.of("pk", AttributeValue.fromS(pk), "mode", AttributeValue.fromS(mode))));
    }

    private LocalLambda lambda() {
        recordFile = directory.resolve("record.txt");
        FunctionSpec probe = new FunctionSpec(
                "StreamProbe",
                "dev.tally.local.runtime.testfunctions.StreamProbeHandler",
                TestFunctionJar.path(),
                256,
                Duration.ofSeconds(10),
                Map.of("RECORD_FILE", recordFile.toString()),
                1);
        LocalLambda lambda = new LocalLambda(
                List.of(probe),
                new ContainerLauncher(directory.resolve("tasks"), Map.of(), ContainerLauncher.defaultJvmFlags()),
                new RecordingPlatformLog(directory.resolve("reports.jsonl")),
                REGION,
                Duration.ofMinutes(5));
        resources.add(lambda);
        return lambda;
    }

    private StreamEventSource source(String streamArn, boolean bisect, int retries, int maxAge, boolean report) {
        return new StreamEventSource(
                "StreamProbe",
                streamArn,
                "TRIM_HORIZON",
                10,
                Duration.ofSeconds(1),
                bisect,
                retries,
                maxAge,
                report,
                Optional.of(failureQueueUrl));
    }

    private void map(StreamEventSource source, LocalLambda lambda) {
        StreamEventSourceMapping mapping =
                new StreamEventSourceMapping(source, clients.streams(), clients.sqs(), lambda, REGION);
        mapping.start();
        resources.add(0, mapping);
    }

    /** Invocations in order, each as the list of partition keys it carried. */
    private List<List<String>> invocations() throws IOException {
        Map<String, List<String>> byRequest = new LinkedHashMap<>();
        if (Files.exists(recordFile)) {
            for (String line : Files.readAllLines(recordFile)) {
                if (line.startsWith("seen|")) {
                    String[] fields = line.split("\\|");
                    byRequest
                            .computeIfAbsent(fields[1], id -> new ArrayList<>())
                            .add(fields[2]);
                }
            }
        }
        return new ArrayList<>(byRequest.values());
    }

    private List<JsonNode> failureRecords() throws IOException {
        List<JsonNode> records = new ArrayList<>();
        for (var message : clients.sqs()
                .receiveMessage(r -> r.queueUrl(failureQueueUrl).maxNumberOfMessages(10))
                .messages()) {
            records.add(JSON.readTree(message.body()));
        }
        return records;
    }

    /** with-ddb.html: records arrive in order, in the DynamoDB Streams record event shape. */
    @Test
    void records_arriveInOrder_asDynamodbEvent() throws Exception {
        String table = table();
        put(table, "k1", "ok");
        put(table, "k2", "ok");
        put(table, "k3", "ok");
        map(source(streamArn(table), false, -1, -1, false), lambda());

        await().atMost(Duration.ofSeconds(60))
                .until(() -> invocations().stream().mapToInt(List::size).sum() == 3);

        assertThat(invocations().stream().flatMap(List::stream).toList()).containsExactly("k1", "k2", "k3");
        String eventLine = Files.readAllLines(recordFile).stream()
                .filter(l -> l.startsWith("event|"))
                .findFirst()
                .orElseThrow();
        JsonNode record = JSON.readTree(eventLine.substring(6));
        assertThat(record.get("eventName").asText()).isEqualTo("INSERT");
        assertThat(record.get("eventSource").asText()).isEqualTo("aws:dynamodb");
        assertThat(record.get("awsRegion").asText()).isEqualTo(REGION);
        assertThat(record.get("eventSourceARN").asText()).isEqualTo(streamArn(table));
        assertThat(record.at("/dynamodb/NewImage/mode/S").asText()).isEqualTo("ok");
        assertThat(record.at("/dynamodb/StreamViewType").asText()).isEqualTo("NEW_AND_OLD_IMAGES");
        assertThat(record.at("/dynamodb/SequenceNumber").asText()).isNotBlank();
    }

    /**
     * services-dynamodb-errors.html: with BisectBatchOnFunctionError a failed batch is split in two and the halves
     * retried; once a (sub)batch exceeds MaximumRetryAttempts it is discarded and its DDBStreamBatchInfo sent to the
     * on-failure destination, and the shard moves on.
     */
    @Test
    void bisect_isolatesPoisonRecord_andSendsItToOnFailureDestination() throws Exception {
        String table = table();
        put(table, "k1", "ok");
        put(table, "k2", "ok");
        put(table, "k3", "poison");
        put(table, "k4", "ok");
        put(table, "k5", "ok");
        String streamArn = streamArn(table);
        map(source(streamArn, true, 2, -1, false), lambda());

        // [k1..k5] fails → [k1,k2] ok, [k3,k4,k5] fails → [k3] fails a third time (discarded), [k4,k5] ok.
        await().atMost(Duration.ofSeconds(90)).until(() -> invocations().contains(List.of("k4", "k5")));
        put(table, "k6", "ok");
        await().atMost(Duration.ofSeconds(30))
                .until(() -> invocations().stream().anyMatch(keys -> keys.contains("k6")));

        List<JsonNode> failures = failureRecords();
        assertThat(failures).hasSize(1);
        JsonNode failure = failures.get(0);
        assertThat(failure.at("/requestContext/condition").asText()).isEqualTo("RetryAttemptsExhausted");
        assertThat(failure.at("/requestContext/functionArn").asText()).endsWith(":function:StreamProbe");
        assertThat(failure.at("/responseContext/functionError").asText()).isEqualTo("Unhandled");
        assertThat(failure.get("version").asText()).isEqualTo("1.0");
        JsonNode info = failure.get("DDBStreamBatchInfo");
        assertThat(info.get("batchSize").asInt()).isEqualTo(1);
        assertThat(info.get("streamArn").asText()).isEqualTo(streamArn);
        assertThat(info.get("startSequenceNumber").asText())
                .isEqualTo(info.get("endSequenceNumber").asText());
        assertThat(info.get("shardId").asText()).startsWith("shardId-");
        assertThat(info.get("approximateArrivalOfFirstRecord").asText()).isNotBlank();
        assertThat(invocations())
                .containsSubsequence(
                        List.of("k1", "k2", "k3", "k4", "k5"),
                        List.of("k1", "k2"),
                        List.of("k3", "k4", "k5"),
                        List.of("k3"),
                        List.of("k4", "k5"),
                        List.of("k6"));
    }

    /** services-ddb-batchfailurereporting.html: Lambda retries from the lowest reported sequence number only. */
    @Test
    void partialBatchFailure_retriesFromFailedSequenceNumber() throws Exception {
        String table = table();
        put(table, "k1", "ok");
        put(table, "k2", "partialonce");
        put(table, "k3", "ok");
        map(source(streamArn(table), false, -1, -1, true), lambda());

        await().atMost(Duration.ofSeconds(60)).until(() -> invocations().size() >= 2);

        assertThat(invocations()).containsExactly(List.of("k1", "k2", "k3"), List.of("k2", "k3"));
        assertThat(failureRecords()).isEmpty();
    }

    /** services-dynamodb-errors.html: with MaximumRetryAttempts 0 a failing batch is discarded after its one invocation. */
    @Test
    void noRetries_discardsFailingBatchAtOnce() throws Exception {
        String table = table();
        put(table, "k1", "ok");
        put(table, "k2", "poison");
        map(source(streamArn(table), false, 0, -1, false), lambda());

        List<JsonNode> failures = new ArrayList<>();
        await().atMost(Duration.ofSeconds(60)).until(() -> failures.addAll(failureRecords()) && !failures.isEmpty());
        put(table, "k3", "ok");
        await().atMost(Duration.ofSeconds(30)).until(() -> invocations().size() == 2);

        assertThat(invocations()).containsExactly(List.of("k1", "k2"), List.of("k3"));
        assertThat(failures).hasSize(1);
        assertThat(failures.get(0).at("/requestContext/approximateInvokeCount").asInt())
                .isEqualTo(1);
        assertThat(failures.get(0).at("/DDBStreamBatchInfo/batchSize").asInt()).isEqualTo(2);
    }

    /** services-dynamodb-errors.html: records older than MaximumRecordAgeInSeconds are discarded without an invocation. */
    @Test
    void recordsOlderThanMaximumAge_areDiscardedUnprocessed() throws Exception {
        LocalLambda lambda = lambda();
        StreamEventSource source =
                source("arn:aws:dynamodb:eu-west-1:000000000000:table/x/stream/2026", false, -1, 60, false);
        StreamBatchProcessor processor = new StreamBatchProcessor(source, lambda, clients.sqs(), JSON, REGION);

        processor.process(
                "shardId-00000001-00000000",
                List.of(record("old", Instant.now().minusSeconds(120), "100"), record("new", Instant.now(), "200")),
                () -> true);

        assertThat(invocations()).containsExactly(List.of("new"));
        List<JsonNode> failures = failureRecords();
        assertThat(failures).hasSize(1);
        assertThat(failures.get(0).at("/requestContext/condition").asText()).isEqualTo("RecordAgeExceeded");
        assertThat(failures.get(0).at("/DDBStreamBatchInfo/startSequenceNumber").asText())
                .isEqualTo("100");
    }

    private static Record record(String pk, Instant created, String sequenceNumber) {
        return Record.builder()
                .eventID(UUID.randomUUID().toString())
                .eventName("INSERT")
                .eventVersion("1.1")
                .dynamodb(StreamRecord.builder()
                        .approximateCreationDateTime(created)
                        .keys(Map.of("pk", AttributeValue.fromS(pk)))
                        .newImage(Map.of("pk", AttributeValue.fromS(pk), "mode", AttributeValue.fromS("ok")))
                        .sequenceNumber(sequenceNumber)
                        .sizeBytes(10L)
                        .streamViewType(StreamViewType.NEW_AND_OLD_IMAGES)
                        .build())
                .build();
    }
}
