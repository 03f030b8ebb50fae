package dev.tally.ops.projection;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tally.common.domain.Debt;
import dev.tally.common.domain.DebtDecider;
import dev.tally.common.domain.Decision;
import dev.tally.common.domain.Summary;
import dev.tally.common.store.AppliedVersions;
import dev.tally.common.store.DebtItem;
import dev.tally.common.store.DynamoDbSummaryStore;
import dev.tally.common.store.StoredSummary;
import dev.tally.common.testing.LocalDynamoDb;
import dev.tally.events.Money;
import dev.tally.events.command.CommandEnvelope;
import dev.tally.events.command.Counterparty;
import dev.tally.events.command.CreateDebt;
import dev.tally.events.command.Direction;
import dev.tally.events.command.RecordPayment;
import dev.tally.ops.CliRun;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/** {@code tally ops projection verify|rebuild} against Tally's embedded DynamoDB, through the CLI entry point. */
class ProjectionCommandIT {

    @RegisterExtension
    static final LocalDynamoDb DYNAMODB = new LocalDynamoDb();

    private static final Instant T0 = Instant.parse("2026-11-01T10:00:00Z");

    private static DynamoDbClient client;
    private String debtsTable;
    private String summariesTable;
    private DynamoDbSummaryStore summaries;

    @BeforeAll
    static void client() {
        client = DYNAMODB.client();
    }

    @AfterAll
    static void close() {
        client.close();
    }

    @BeforeEach
    void tables() {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        debtsTable = "debts-" + suffix;
        summariesTable = "summaries-" + suffix;
        client.createTable(request -> request.tableName(debtsTable).billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(string("userId"), string("debtId"))
                .keySchema(key("userId", KeyType.HASH), key("debtId", KeyType.RANGE)));
        client.createTable(request -> request.tableName(summariesTable).billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(string("userId"))
                .keySchema(key("userId", KeyType.HASH)));
        summaries = new DynamoDbSummaryStore(client, summariesTable);
    }

    @Test
    void verify_whenASummaryIsCorrupted_namesTheUserAndHowItDiffers_andRebuildRepairsIt() {
        List<Debt> aliceDebts = List.of(put(create("user-a", "d1", 1_000, "EUR", Direction.OWED_TO_ME)),
                put(pay(create("user-a", "d2", 400, "EUR", Direction.OWED_BY_ME), 150)));
        Debt bobDebt = put(create("user-b", "d3", 2_500, "KWD", Direction.OWED_TO_ME));
        summaries.save(stored("user-a", Summary.summaryOf(aliceDebts), Map.of("d1", 1L, "d2", 2L), 1));
        Summary corrupted = Summary.summaryOf(List.of(create("user-b", "d3", 999, "KWD", Direction.OWED_TO_ME)));
        summaries.save(stored("user-b", corrupted, Map.of("d3", 1L), 1));

        CliRun verifyAll = run("projection", "verify");
        CliRun verifyAlice = run("projection", "verify", "--user", "user-a");

        assertThat(verifyAll.exitCode()).isEqualTo(1);
        assertThat(verifyAll.out()).contains("user user-b: summary differs from its debts")
                .contains("KWD owedToMe: stored 999, recomputed 2500")
                .doesNotContain("user user-a:")
                .contains("verified=2 differing=1");
        assertThat(verifyAlice.exitCode()).isZero();
        assertThat(verifyAlice.out()).contains("verified=1 differing=0");

        CliRun rebuild = run("projection", "rebuild", "--user", "user-b");

        assertThat(rebuild.exitCode()).isZero();
        assertThat(rebuild.out()).contains("user user-b: rebuilt at revision 2").contains("rebuilt=1 failed=0");
        StoredSummary repaired = summaries.find("user-b").orElseThrow();
        assertThat(repaired.summary()).isEqualTo(Summary.summaryOf(List.of(bobDebt)));
        assertThat(repaired.revision()).isEqualTo(2);
        assertThat(summaries.find("user-a").orElseThrow().revision()).as("untouched").isEqualTo(1);
        assertThat(run("projection", "verify").exitCode()).isZero();
    }

    @Test
    void rebuildAll_writesMissingSummariesAndEmptiesThoseWithoutDebts() {
        Debt carol = put(create("user-c", "d1", 700, "JPY", Direction.OWED_BY_ME));
        Summary stale = Summary.summaryOf(List.of(create("user-gone", "d9", 300, "EUR", Direction.OWED_TO_ME)));
        summaries.save(stored("user-gone", stale, Map.of("d9", 1L, "d8", -2L), 1));
        assertThat(run("projection", "verify").out()).contains("verified=2 differing=2");

        CliRun rebuild = run("projection", "rebuild", "--all");

        assertThat(rebuild.exitCode()).isZero();
        assertThat(rebuild.out()).contains("rebuilt=2 failed=0");
        assertThat(summaries.find("user-c").orElseThrow().summary()).isEqualTo(Summary.summaryOf(List.of(carol)));
        StoredSummary emptied = summaries.find("user-gone").orElseThrow();
        assertThat(emptied.summary()).isEqualTo(Summary.EMPTY);
        assertThat(emptied.debtVersions()).as("tombstones kept, a vanished debt tombstoned")
                .isEqualTo(Map.of("d8", -2L, "d9", AppliedVersions.REMOVED));
        assertThat(run("projection", "verify").exitCode()).isZero();
    }

    @Test
    void rebuild_withoutAScope_withoutTables_orForAnUnknownUser_failsSayingWhatIsWrong() {
        CliRun noScope = CliRun.against(DYNAMODB.endpoint().toString(), "projection", "rebuild",
                "--debts-table", debtsTable, "--summaries-table", summariesTable);
        CliRun noTables = CliRun.against(DYNAMODB.endpoint().toString(), "projection", "verify");
        CliRun unknownUser = run("projection", "rebuild", "--user", "user-typo");

        assertThat(noScope.exitCode()).isEqualTo(2);
        assertThat(noScope.err()).contains("--user=ID").contains("--all");
        assertThat(noTables.exitCode()).isEqualTo(2);
        assertThat(noTables.err()).contains("--debts-table or DEBTS_TABLE").contains("--summaries-table or SUMMARIES_TABLE");
        assertThat(unknownUser.exitCode()).isEqualTo(2);
        assertThat(unknownUser.err()).contains("user user-typo has no debts").contains("nothing was written");
        assertThat(summaries.find("user-typo")).isEmpty();
    }

    @Test
    void verify_whenTheTableDoesNotExist_failsWithTheAwsErrorAndNoStackTrace() {
        CliRun run = CliRun.against(DYNAMODB.endpoint().toString(), "projection", "verify",
                "--debts-table", "no-such-table", "--summaries-table", summariesTable);

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).startsWith("tally ops: an AWS call failed: ").doesNotContain("\tat ");
    }

    private CliRun run(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--debts-table", debtsTable, "--summaries-table", summariesTable));
        return CliRun.against(DYNAMODB.endpoint().toString(), all.toArray(String[]::new));
    }

    private Debt put(Debt debt) {
        client.putItem(request -> request.tableName(debtsTable).item(DebtItem.toItem(debt)));
        return debt;
    }

    private static StoredSummary stored(String user, Summary summary, Map<String, Long> versions, long revision) {
        return new StoredSummary(user, summary, versions, revision, T0);
    }

    private static Debt create(String user, String debtId, long amount, String currency, Direction direction) {
        CreateDebt create = new CreateDebt(debtId, new Counterparty("Alice", null), direction, Money.of(amount, currency),
                null, LocalDate.of(2026, 12, 1));
        return ((Decision.Applied) DebtDecider.decide(null, CommandEnvelope.of("cmd-" + debtId, user, T0, null, create))).debt();
    }

    private static Debt pay(Debt debt, long amount) {
        RecordPayment payment = new RecordPayment(debt.debtId(), Money.of(amount, debt.currency()), T0, null);
        return ((Decision.Applied) DebtDecider.decide(debt,
                CommandEnvelope.of("pay-" + debt.debtId(), debt.userId(), T0.plusSeconds(60), null, payment))).debt();
    }

    private static AttributeDefinition string(String name) {
        return AttributeDefinition.builder().attributeName(name).attributeType(ScalarAttributeType.S).build();
    }

    private static KeySchemaElement key(String name, KeyType type) {
        return KeySchemaElement.builder().attributeName(name).keyType(type).build();
    }
}
