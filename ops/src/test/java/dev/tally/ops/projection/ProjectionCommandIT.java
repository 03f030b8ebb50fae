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
        client.createTable(request -> request.tableName(debtsTable)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(string("userId"), string("debtId"))
                .keySchema(key("userId", KeyType.HASH), key("debtId", KeyType.RANGE)));
        client.createTable(request -> request.tableName(summariesTable)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(string("userId"))
                .keySchema(key("userId", KeyType.HASH)));
        summaries = new DynamoDbSummaryStore(client, summariesTable);
    }

    @Test
    void verify_whenASummaryIsCorrupted_namesTheUserAndHowItDiffers_andRebuildRepairsIt() {
        List<Debt> aliceDebts = List.of(
                put(create("user-a", "d1", 1_000, "EUR", Direction.OWED_TO_ME)),
                put(pay(create("user-a", "d2", 400, "EUR", Direction.OWED_BY_ME), 150)));
        Debt bobDebt = put(create("user-b", "d3", 2_500, "KWD", Direction.OWED_TO_ME));
        summaries.save(stored("user-a", Summary.summaryOf(aliceDebts), Map.of("d1", 1L, "d2", 2L), 1));
        Summary corrupted = Summary.summaryOf(List.of(create("user-b", "d3", 999, "KWD", Direction.OWED_TO_ME)));
        summaries.save(stored("user-b", corrupted, Map.of("d3", 1L), 1));

        CliRun verifyAll = run("projection", "verify");
        CliRun verifyAlice = run("projection", "verify", "--user", "user-a");

        assertThat(verifyAll.exitCode()).isEqualTo(1);
        assertThat(verifyAll.out())
                .contains("user user-b: diverged, summary differs from its debts")
                .contains("KWD owedToMe: stored 999, recomputed 2500")
                .doesNotContain("user user-a:")
                .contains("verified=2 clean=1 lagging=0 diverged=1 failed=0");
        assertThat(verifyAlice.exitCode()).isZero();
        assertThat(verifyAlice.out()).contains("verified=1 clean=1 lagging=0 diverged=0 failed=0");

        CliRun rebuild = run("projection", "rebuild", "--user", "user-b");

        assertThat(rebuild.exitCode()).isZero();
        assertThat(rebuild.out()).contains("user user-b: rebuilt at revision 2").contains("rebuilt=1 failed=0");
        StoredSummary repaired = summaries.find("user-b").orElseThrow();
        assertThat(repaired.summary()).isEqualTo(Summary.summaryOf(List.of(bobDebt)));
        assertThat(repaired.revision()).isEqualTo(2);
        assertThat(summaries.find("user-a").orElseThrow().revision())
                .as("untouched")
                .isEqualTo(1);
        assertThat(run("projection", "verify").exitCode()).isZero();
    }

    @Test
    void rebuildAll_writesMissingSummariesAndEmptiesThoseWithoutDebts() {
        Debt carol = put(create("user-c", "d1", 700, "JPY", Direction.OWED_BY_ME));
        Summary stale = Summary.summaryOf(List.of(create("user-gone", "d9", 300, "EUR", Direction.OWED_TO_ME)));
        summaries.save(stored("user-gone", stale, Map.of("d9", 1L, "d8", -2L), 1));
        CliRun before = run("projection", "verify");
        assertThat(before.out())
                .as("a debt with no summary yet and a removal not yet projected: behind, not damaged")
                .contains("user user-c: lagging, 1 debt version(s) not yet projected")
                .contains(
                        "user user-gone: lagging, 0 debt version(s) not yet projected, 1 removal(s) not yet projected")
                .contains("verified=2 clean=0 lagging=2 diverged=0 failed=0");
        assertThat(before.exitCode()).isZero();

        CliRun rebuild = run("projection", "rebuild", "--all");

        assertThat(rebuild.exitCode()).isZero();
        assertThat(rebuild.out()).contains("rebuilt=2 failed=0");
        assertThat(summaries.find("user-c").orElseThrow().summary()).isEqualTo(Summary.summaryOf(List.of(carol)));
        StoredSummary emptied = summaries.find("user-gone").orElseThrow();
        assertThat(emptied.summary()).isEqualTo(Summary.EMPTY);
        assertThat(emptied.debtVersions())
                .as("tombstones kept, a vanished debt tombstoned")
                .isEqualTo(Map.of("d8", -2L, "d9", AppliedVersions.REMOVED));
        assertThat(run("projection", "verify").exitCode()).isZero();
    }

    @Test
    void verify_tellsLaggingFromDiverged_andRebuildDifferingRepairsOnlyTheDiverged() {
        Debt created = create("user-l", "d1", 1_000, "EUR", Direction.OWED_TO_ME);
        put(pay(created, 400));
        summaries.save(stored("user-l", Summary.summaryOf(List.of(created)), Map.of("d1", 1L), 1));
        Debt damagedDebt = put(create("user-d", "d2", 800, "USD", Direction.OWED_BY_ME));
        summaries.save(stored(
                "user-d",
                Summary.summaryOf(List.of(create("user-d", "d2", 80, "USD", Direction.OWED_BY_ME))),
                Map.of("d2", 1L),
                1));

        CliRun verify = run("projection", "verify", "--all", "--segments", "3");

        assertThat(verify.exitCode()).isEqualTo(1);
        assertThat(verify.out())
                .contains("user user-l: lagging, 1 debt version(s) not yet projected (totals differ for now)")
                .contains("user user-d: diverged")
                .contains("USD owedByMe: stored 80, recomputed 800")
                .contains("verified=2 clean=0 lagging=1 diverged=1 failed=0");
        assertThat(verify.err()).contains("verify progress: 2/2");

        CliRun repair = run("projection", "verify", "--rebuild-differing");

        assertThat(repair.exitCode()).as("only lagging left").isZero();
        assertThat(repair.out())
                .contains("user user-d: diverged, rebuilt at revision 2")
                .contains("verified=2 clean=1 lagging=1 diverged=0 failed=0");
        assertThat(summaries.find("user-d").orElseThrow().summary()).isEqualTo(Summary.summaryOf(List.of(damagedDebt)));
        assertThat(summaries.find("user-l").orElseThrow().revision())
                .as("a lagging user is left to the stream")
                .isEqualTo(1);
    }

    @Test
    void verifyAndRebuildAll_whenOneUserIsUnreadableAndOneOverflows_reportThemAndGoOn() {
        Debt fine = put(create("user-ok", "d1", 500, "EUR", Direction.OWED_TO_ME));
        summaries.save(stored("user-ok", Summary.EMPTY, Map.of("d1", 1L), 1));
        client.putItem(request -> request.tableName(debtsTable)
                .item(Map.of(
                        "userId", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS("user-broken"),
                        "debtId", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS("d-bad"),
                        "status", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromN("7"))));
        put(create("user-huge", "h1", Long.MAX_VALUE / 2 + 1, "EUR", Direction.OWED_TO_ME));
        put(create("user-huge", "h2", Long.MAX_VALUE / 2 + 1, "EUR", Direction.OWED_TO_ME));

        CliRun verify = run("projection", "verify", "--all");

        assertThat(verify.exitCode()).isEqualTo(1);
        assertThat(verify.err())
                .contains("user user-broken: could not be verified: IllegalStateException")
                .contains("user user-huge: could not be verified: ArithmeticException: the totals overflow");
        assertThat(verify.out())
                .contains("user user-ok: diverged")
                .contains("verified=3 clean=0 lagging=0 diverged=1 failed=2");

        CliRun rebuild = run("projection", "rebuild", "--all");

        assertThat(rebuild.exitCode()).isEqualTo(1);
        assertThat(rebuild.out())
                .contains("user user-ok: rebuilt at revision 2")
                .contains("rebuilt=1 failed=2");
        assertThat(rebuild.err()).contains("user user-broken: not rebuilt").contains("user user-huge: not rebuilt");
        assertThat(summaries.find("user-ok").orElseThrow().summary()).isEqualTo(Summary.summaryOf(List.of(fine)));
    }

    @Test
    void rebuild_withoutAScope_withoutTables_orForAnUnknownUser_failsSayingWhatIsWrong() {
        CliRun noScope = CliRun.against(
                DYNAMODB.endpoint().toString(),
                "projection",
                "rebuild",
                "--debts-table",
                debtsTable,
                "--summaries-table",
                summariesTable);
        CliRun noTables = CliRun.against(DYNAMODB.endpoint().toString(), "projection", "verify");
        CliRun unknownUser = run("projection", "rebuild", "--user", "user-typo");

        assertThat(noScope.exitCode()).isEqualTo(2);
        assertThat(noScope.err()).contains("--user=ID").contains("--all");
        assertThat(noTables.exitCode()).isEqualTo(2);
        assertThat(noTables.err())
                .contains("--debts-table or DEBTS_TABLE")
                .contains("--summaries-table or SUMMARIES_TABLE");
        assertThat(unknownUser.exitCode()).isEqualTo(2);
        assertThat(unknownUser.err()).contains("user user-typo has no debts").contains("nothing was written");
        assertThat(summaries.find("user-typo")).isEmpty();
    }

    @Test
    void verify_whenTheTableDoesNotExist_failsWithTheAwsErrorAndNoStackTrace() {
        CliRun run = CliRun.against(
                DYNAMODB.endpoint().toString(),
                "projection",
                "verify",
                "--debts-table",
                "no-such-table",
                "--summaries-table",
                summariesTable);

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
        CreateDebt create = new CreateDebt(
                debtId,
                new Counterparty("Alice", null),
                direction,
                Money.of(amount, currency),
                null,
                LocalDate.of(2026, 12, 1));
        return ((Decision.Applied)
                        DebtDecider.decide(null, CommandEnvelope.of("cmd-" + debtId, user, T0, null, create)))
                .debt();
    }

    private static Debt pay(Debt debt, long amount) {
        RecordPayment payment = new RecordPayment(debt.debtId(), Money.of(amount, debt.currency()), T0, null);
        return ((Decision.Applied) DebtDecider.decide(
                        debt,
                        CommandEnvelope.of("pay-" + debt.debtId(), debt.userId(), T0.plusSeconds(60), null, payment)))
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
