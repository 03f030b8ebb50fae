package dev.tally.ops.projection;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tally.common.domain.Debt;
import dev.tally.common.domain.DebtDecider;
import dev.tally.common.domain.Decision;
import dev.tally.common.domain.Summary;
import dev.tally.common.projection.SummaryRebuilder;
import dev.tally.common.store.DebtItem;
import dev.tally.common.store.DynamoDbDebtSource;
import dev.tally.common.store.DynamoDbSummaryStore;
import dev.tally.common.store.StoredSummary;
import dev.tally.common.testing.LocalSqs;
import dev.tally.common.testing.SettableClock;
import dev.tally.events.Money;
import dev.tally.events.command.CommandEnvelope;
import dev.tally.events.command.Counterparty;
import dev.tally.events.command.CreateDebt;
import dev.tally.events.command.Direction;
import dev.tally.events.command.RecordPayment;
import dev.tally.local.dynamodb.EmbeddedDynamoDb;
import dev.tally.ops.CliRun;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * {@code tally ops projection replay-failures} against the embedded DynamoDB with Streams (its clock
 * injected, so a record's stream data can be made to expire) and an embedded-SQS failures queue.
 */
class FailureReplayIT {

    @RegisterExtension
    static final LocalSqs SQS = new LocalSqs();

    private static final SettableClock CLOCK = new SettableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));

    private static EmbeddedDynamoDb dynamoDbServer;
    private static DynamoDbClient dynamoDb;
    private static DynamoDbStreamsClient streams;
    private static SqsClient sqs;

    @BeforeAll
    static void start() {
        dynamoDbServer = EmbeddedDynamoDb.builder()
                .port(0)
                .clock(CLOCK)
                .sweepInterval(Duration.ofHours(12))
                .start();
        StaticCredentialsProvider credentials =
                StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"));
        dynamoDb = DynamoDbClient.builder()
                .endpointOverride(dynamoDbServer.endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(credentials)
                .httpClient(UrlConnectionHttpClient.create())
                .build();
        streams = DynamoDbStreamsClient.builder()
                .endpointOverride(dynamoDbServer.endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(credentials)
                .httpClient(UrlConnectionHttpClient.create())
                .build();
        sqs = SQS.client();
    }

    @AfterAll
    static void stop() {
        dynamoDb.close();
        streams.close();
        dynamoDbServer.close();
    }

    @Test
    void replayFailures_rebuildsTheUsersInTheRecordsRange_andAfterTheDataExpiresVerifiesEveryUser() {
        String debtsTable = "debts-failures";
        String summariesTable = "summaries-failures";
        dynamoDb.createTable(request -> request.tableName(debtsTable)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(string("userId"), string("debtId"))
                .keySchema(key("userId", KeyType.HASH), key("debtId", KeyType.RANGE))
                .streamSpecification(
                        stream -> stream.streamEnabled(true).streamViewType(StreamViewType.NEW_AND_OLD_IMAGES)));
        dynamoDb.createTable(request -> request.tableName(summariesTable)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(string("userId"))
                .keySchema(key("userId", KeyType.HASH)));
        DynamoDbSummaryStore summaries = new DynamoDbSummaryStore(dynamoDb, summariesTable);
        SummaryRebuilder rebuilder =
                new SummaryRebuilder(new DynamoDbDebtSource(dynamoDb, debtsTable), summaries, CLOCK);
        Debt aliceDebt = put(debtsTable, create("user-a", "d1", 1_000));
        Debt bobCreated = create("user-b", "d2", 2_000);
        put(debtsTable, bobCreated);
        Debt carolDebt = put(debtsTable, create("user-c", "d3", 3_000));
        List.of("user-a", "user-b", "user-c").forEach(rebuilder::rebuild);
        // The batch the projection gave up on: Alice's summary damaged, Bob's payment never projected.
        StoredSummary alice = summaries.find("user-a").orElseThrow();
        summaries.save(new StoredSummary(
                "user-a", Summary.EMPTY, alice.debtVersions(), alice.revision() + 1, CLOCK.instant()));
        Debt bobPaid = put(debtsTable, pay(bobCreated, 500));
        List<Record> records = records(debtsTable);
        String queueUrl = sqs.createQueue(request -> request.queueName("projection-failures"))
                .queueUrl();
        sqs.sendMessage(request ->
                request.queueUrl(queueUrl).messageBody(failureRecord(debtsTable, records.get(0), records.get(1))));
        sqs.sendMessage(request ->
                request.queueUrl(queueUrl).messageBody(failureRecord(debtsTable, records.get(3), records.get(3))));
        long carolRevision = summaries.find("user-c").orElseThrow().revision();

        CliRun beforeExpiry = CliRun.of(
                "projection",
                "replay-failures",
                "--queue-url",
                queueUrl,
                "--debts-table",
                debtsTable,
                "--summaries-table",
                summariesTable,
                "--region",
                "us-east-1",
                "--sqs-endpoint",
                SQS.endpoint().toString(),
                "--dynamodb-endpoint",
                dynamoDbServer.endpoint().toString());

        assertThat(beforeExpiry.exitCode())
                .as(beforeExpiry.out() + beforeExpiry.err())
                .isZero();
        assertThat(beforeExpiry.out())
                .contains("stream data expires at " + CLOCK.instant().plus(Duration.ofHours(24)))
                .contains("users touched: 1")
                .contains("every user verifies clean; deleted")
                .contains("records=2 cleared=2 kept=0 rebuilt=2 expired=0");
        assertThat(summaries.find("user-a").orElseThrow().summary()).isEqualTo(Summary.summaryOf(List.of(aliceDebt)));
        assertThat(summaries.find("user-b").orElseThrow().summary()).isEqualTo(Summary.summaryOf(List.of(bobPaid)));
        assertThat(summaries.find("user-c").orElseThrow().revision())
                .as("outside every range: untouched")
                .isEqualTo(carolRevision);

        // A record still in the queue when the stream data behind it has expired.
        StoredSummary carol = summaries.find("user-c").orElseThrow();
        summaries.save(new StoredSummary(
                "user-c", Summary.EMPTY, carol.debtVersions(), carol.revision() + 1, CLOCK.instant()));
        sqs.sendMessage(request ->
                request.queueUrl(queueUrl).messageBody(failureRecord(debtsTable, records.get(2), records.get(2))));
        CLOCK.advance(Duration.ofHours(25));
        dynamoDbServer.sweepExpiredItems();
        StringWriter out = new StringWriter();
        FailureReplayer afterExpiry = new FailureReplayer(
                sqs,
                queueUrl,
                streams,
                new SummaryAudit(new DynamoDbDebtSource(dynamoDb, debtsTable), summaries),
                rebuilder,
                () -> new TreeSet<>(List.of("user-a", "user-b", "user-c")),
                CLOCK,
                new PrintWriter(out, true));

        FailureReplayer.Result result = afterExpiry.run(false);

        assertThat(out.toString())
                .contains("stream data expired at")
                .contains("(60m ago)")
                .contains("its stream data has EXPIRED (TrimmedDataAccessException)")
                .contains("verifying EVERY user instead (3)")
                .contains("every user verifies clean; deleted");
        assertThat(result).isEqualTo(new FailureReplayer.Result(1, 1, 0, 1, 1));
        assertThat(summaries.find("user-c").orElseThrow().summary()).isEqualTo(Summary.summaryOf(List.of(carolDebt)));
        assertThat(sqs.receiveMessage(request -> request.queueUrl(queueUrl).waitTimeSeconds(1))
                        .messages())
                .isEmpty();
    }

    @Test
    void replayFailures_whenAUserStillDiffersOrTheMessageIsNotARecord_keepsTheMessageAndSaysSo() {
        String queueUrl = sqs.createQueue(request -> request.queueName("projection-failures-junk"))
                .queueUrl();
        sqs.sendMessage(request -> request.queueUrl(queueUrl).messageBody("{\"something\":\"else\"}"));

        CliRun run = CliRun.of(
                "projection",
                "replay-failures",
                "--queue-url",
                queueUrl,
                "--debts-table",
                "none",
                "--summaries-table",
                "none",
                "--region",
                "us-east-1",
                "--sqs-endpoint",
                SQS.endpoint().toString(),
                "--dynamodb-endpoint",
                dynamoDbServer.endpoint().toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out())
                .contains("not a DynamoDB stream on-failure record; left in the queue")
                .contains("records=1 cleared=0 kept=1");
        assertThat(sqs.receiveMessage(request -> request.queueUrl(queueUrl).waitTimeSeconds(1))
                        .messages())
                .hasSize(1);
    }

    private static List<Record> records(String table) {
        String streamArn = dynamoDb.describeTable(request -> request.tableName(table))
                .table()
                .latestStreamArn();
        String shardId = streams.describeStream(request -> request.streamArn(streamArn))
                .streamDescription()
                .shards()
                .get(0)
                .shardId();
        String iterator = streams.getShardIterator(request ->
                        request.streamArn(streamArn).shardId(shardId).shardIteratorType(ShardIteratorType.TRIM_HORIZON))
                .shardIterator();
        return streams.getRecords(request -> request.shardIterator(iterator)).records();
    }

    /** What Lambda sends to the on-failure destination (the shape the local runtime writes too). */
    private static String failureRecord(String table, Record first, Record last) {
        String streamArn = dynamoDb.describeTable(request -> request.tableName(table))
                .table()
                .latestStreamArn();
        String shardId = streams.describeStream(request -> request.streamArn(streamArn))
                .streamDescription()
                .shards()
                .get(0)
                .shardId();
        return "{\"requestContext\":{\"requestId\":\"r-1\",\"functionArn\":\"arn:aws:lambda:us-east-1:000000000000:function:projection\","
                + "\"condition\":\"RetryAttemptsExhausted\",\"approximateInvokeCount\":3},\"responseContext\":{\"statusCode\":200,"
                + "\"executedVersion\":\"$LATEST\",\"functionError\":\"Unhandled\"},\"version\":\"1.0\",\"timestamp\":\""
                + CLOCK.instant()
                + "\",\"DDBStreamBatchInfo\":{\"shardId\":\"" + shardId + "\",\"startSequenceNumber\":\""
                + first.dynamodb().sequenceNumber() + "\",\"endSequenceNumber\":\""
                + last.dynamodb().sequenceNumber()
                + "\",\"approximateArrivalOfFirstRecord\":\""
                + first.dynamodb().approximateCreationDateTime().truncatedTo(ChronoUnit.SECONDS)
                + "\",\"approximateArrivalOfLastRecord\":\""
                + last.dynamodb().approximateCreationDateTime().truncatedTo(ChronoUnit.SECONDS)
                + "\",\"batchSize\":2,\"streamArn\":\"" + streamArn + "\"}}";
    }

    private static Debt put(String table, Debt debt) {
        dynamoDb.putItem(request -> request.tableName(table).item(DebtItem.toItem(debt)));
        return debt;
    }

    private static Debt create(String user, String debtId, long amount) {
        CreateDebt create = new CreateDebt(
                debtId,
                new Counterparty("Alice", null),
                Direction.OWED_TO_ME,
                Money.of(amount, "EUR"),
                null,
                LocalDate.of(2026, 12, 1));
        return ((Decision.Applied) DebtDecider.decide(
                        null, CommandEnvelope.of("cmd-" + debtId, user, CLOCK.instant(), null, create)))
                .debt();
    }

    private static Debt pay(Debt debt, long amount) {
        RecordPayment payment =
                new RecordPayment(debt.debtId(), Money.of(amount, debt.currency()), CLOCK.instant(), null);
        return ((Decision.Applied) DebtDecider.decide(
                        debt,
                        CommandEnvelope.of(
                                "pay-" + debt.debtId(),
                                debt.userId(),
                                CLOCK.instant().plusSeconds(60),
                                null,
                                payment)))
                .debt();
    }

    private static AttributeDefinition string(String name) {
        return AttributeDefinition.builder()
                .attributeName(name)
                .attributeType(ScalarAttributeType.S)
                .build();
    }

    private static KeySchemaElement key(String name, KeyType type) {
        return KeySchemaElement.builder().attributeName(name).keyType(type).build();
    }
}
