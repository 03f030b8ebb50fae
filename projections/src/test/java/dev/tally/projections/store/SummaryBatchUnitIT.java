package dev.tally.projections.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tally.common.domain.Summary;
import dev.tally.common.store.DynamoDbSummaryBatchUnits;
import dev.tally.common.store.DynamoDbSummaryStore;
import dev.tally.common.store.StoredSummary;
import dev.tally.common.store.SummaryBatchUnit;
import dev.tally.common.testing.LocalDynamoDb;
import dev.tally.projections.it.Tables;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/** A stream batch's summary unit against a real local endpoint: one read, one all-or-nothing write (ADR 0118). */
class SummaryBatchUnitIT {

    @RegisterExtension
    static final LocalDynamoDb DYNAMODB = new LocalDynamoDb();

    private static final Instant NOW = Instant.parse("2026-11-27T12:00:00Z");

    private static DynamoDbSummaryStore store;
    private static DynamoDbSummaryBatchUnits units;

    @BeforeAll
    static void tables() {
        DynamoDbClient client = DYNAMODB.client();
        Tables.create(client);
        store = new DynamoDbSummaryStore(client, Tables.SUMMARIES);
        units = new DynamoDbSummaryBatchUnits(client, store);
    }

    @Test
    void commit_writesEverySavedSummaryOnce_onTheRevisionRead() {
        assertThat(store.save(summary("unit-a", 1))).isTrue();
        SummaryBatchUnit unit = units.begin(List.of("unit-a", "unit-b"));

        assertThat(unit.find("unit-a")).contains(summary("unit-a", 1));
        assertThat(unit.save(summary("unit-a", 2))).isTrue();
        assertThat(unit.save(summary("unit-a", 3))).isTrue();
        assertThat(unit.save(summary("unit-b", 2))).isFalse();
        assertThat(unit.save(summary("unit-b", 1))).isTrue();
        assertThat(store.find("unit-a")).contains(summary("unit-a", 1));
        unit.commit();

        assertThat(store.find("unit-a")).contains(summary("unit-a", 3));
        assertThat(store.find("unit-b")).contains(summary("unit-b", 1));
    }

    @Test
    void commit_whenAnotherWriterChangedASummaryAfterTheRead_writesNone() {
        assertThat(store.save(summary("race-a", 1))).isTrue();
        SummaryBatchUnit unit = units.begin(List.of("race-a", "race-b"));
        assertThat(unit.save(summary("race-a", 2))).isTrue();
        assertThat(unit.save(summary("race-b", 1))).isTrue();
        assertThat(store.save(summary("race-a", 2))).isTrue();

        assertThatThrownBy(unit::commit).isInstanceOf(TransactionCanceledException.class);

        assertThat(store.find("race-b")).isEmpty();
    }

    private static StoredSummary summary(String user, long revision) {
        return new StoredSummary(user, Summary.EMPTY, Map.of("debt-" + revision, revision), revision, NOW);
    }
}
