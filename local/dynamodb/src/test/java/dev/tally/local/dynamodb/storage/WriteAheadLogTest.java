package dev.tally.local.dynamodb.storage;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tally.local.dynamodb.model.AttributeValue;
import dev.tally.local.dynamodb.model.IndexDefinition;
import dev.tally.local.dynamodb.model.TableDefinition;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WriteAheadLogTest {

    @TempDir
    Path directory;

    private static TableDefinition table() {
        return new TableDefinition(
                "things",
                "id",
                Map.of("pk", "S"),
                "pk",
                null,
                List.<IndexDefinition>of(),
                "PAY_PER_REQUEST",
                0,
                0,
                0,
                "NEW_IMAGE",
                null,
                null);
    }

    private static Map<String, AttributeValue> item(String pk) {
        Map<String, AttributeValue> item = new LinkedHashMap<>();
        item.put("pk", new AttributeValue.Str(pk));
        return item;
    }

    @Test
    void reopen_replaysTablesItemsAndStreams() {
        try (Database database = Database.open("us-east-1", directory, Clock.systemUTC())) {
            database.write(batch -> batch.createTable(table()));
            database.write(batch -> batch.put(database.table("things"), item("a")));
            database.write(batch -> batch.put(database.table("things"), item("b")));
            database.write(batch -> batch.delete(database.table("things"), item("a"), false));
        }
        try (Database reopened = Database.open("us-east-1", directory, Clock.systemUTC())) {
            TableData table = reopened.table("things");
            assertThat(table.get(item("b"))).isEqualTo(item("b"));
            assertThat(table.get(item("a"))).isNull();
            assertThat(table.itemCount()).isEqualTo(1);
            assertThat(reopened.streams().current("things").shard().records())
                    .extracting(r -> r.eventName())
                    .containsExactly("INSERT", "INSERT", "REMOVE");
        }
    }

    @Test
    void streamTrim_survivesRestartAndCompaction() {
        java.time.Instant start = java.time.Instant.parse("2026-01-01T00:00:00Z");
        Clock early = Clock.fixed(start, java.time.ZoneOffset.UTC);
        Clock late = Clock.fixed(start.plus(java.time.Duration.ofHours(25)), java.time.ZoneOffset.UTC);
        try (Database database = Database.open("us-east-1", directory, early)) {
            database.write(batch -> batch.createTable(table()));
            database.write(batch -> batch.put(database.table("things"), item("a")));
            database.write(batch -> batch.put(database.table("things"), item("b")));
        }
        try (Database database = Database.open("us-east-1", directory, late)) {
            TimeToLiveSweeper.sweep(database);
            database.write(batch -> batch.put(database.table("things"), item("c")));
        }
        try (Database database = Database.open("us-east-1", directory, late)) {
            assertThat(database.streams().current("things").shard().records()).hasSize(1);
            database.compactNow();
        }
        try (Database database = Database.open("us-east-1", directory, late)) {
            var shard = database.streams().current("things").shard();
            assertThat(shard.records())
                    .extracting(r -> r.keys().get("pk"))
                    .containsExactly(new AttributeValue.Str("c"));
            assertThat(shard.lastTrimmedSequence())
                    .isEqualTo(shard.records().get(0).sequence() - 1);
        }
    }

    @Test
    void tornTail_isCutOff_andLaterWritesAppendCleanly() throws Exception {
        try (Database database = Database.open("us-east-1", directory, Clock.systemUTC())) {
            database.write(batch -> batch.createTable(table()));
            database.write(batch -> batch.put(database.table("things"), item("kept")));
        }
        Path log = directory.resolve("dynamodb.wal");
        Files.write(
                log,
                "0badc0de {\"changes\":[{\"op\":\"put\"".getBytes(StandardCharsets.UTF_8),
                StandardOpenOption.APPEND);
        try (Database database = Database.open("us-east-1", directory, Clock.systemUTC())) {
            assertThat(database.table("things").get(item("kept"))).isNotNull();
            database.write(batch -> batch.put(database.table("things"), item("after")));
        }
        try (Database database = Database.open("us-east-1", directory, Clock.systemUTC())) {
            assertThat(database.table("things").itemCount()).isEqualTo(2);
        }
    }

    @Test
    void addedIndex_isRebuiltAtReplay() {
        try (Database database = Database.open("us-east-1", directory, Clock.systemUTC())) {
            database.write(batch -> batch.createTable(table()));
            Map<String, AttributeValue> item = item("a");
            item.put("grp", new AttributeValue.Str("g"));
            database.write(batch -> batch.put(database.table("things"), item));
            TableDefinition current =
                    database.read(() -> database.table("things").definition());
            Map<String, String> types = new LinkedHashMap<>(current.attributeTypes());
            types.put("grp", "S");
            database.write(batch -> {
                batch.define(
                        database.table("things"),
                        current.withIndexes(
                                types,
                                List.of(new IndexDefinition("byGrp", true, "grp", null, "ALL", List.of(), 0, 0))));
                return null;
            });
        }
        try (Database database = Database.open("us-east-1", directory, Clock.systemUTC())) {
            ItemCollection index = database.table("things").index("byGrp");
            assertThat(index).isNotNull();
            assertThat(index.scan(null).next().get("pk")).isEqualTo(new AttributeValue.Str("a"));
        }
    }

    @Test
    void secondServerOnTheSameDirectory_isRefused() {
        try (Database first = Database.open("us-east-1", directory, Clock.systemUTC())) {
            org.assertj.core.api.Assertions.assertThatThrownBy(
                            () -> Database.open("us-east-1", directory, Clock.systemUTC()))
                    .hasMessageContaining("is in use by another local DynamoDB server");
        }
        try (Database again = Database.open("us-east-1", directory, Clock.systemUTC())) {
            assertThat(again.tables()).isEmpty();
        }
    }

    @Test
    void compaction_rewritesStateAndKeepsEverything() {
        try (Database database = Database.open("us-east-1", directory, Clock.systemUTC())) {
            database.write(batch -> batch.createTable(table()));
            for (int i = 0; i < 50; i++) {
                String pk = "k" + (i % 10);
                database.write(batch -> batch.put(database.table("things"), item(pk)));
            }
            database.compactNow();
            database.write(batch -> batch.put(database.table("things"), item("late")));
        }
        List<JsonNode> entries = new ArrayList<>();
        WriteAheadLog.open(directory, entries, WriteAheadLog.Force.DATA).close();
        assertThat(entries.size()).isLessThan(10);
        try (Database database = Database.open("us-east-1", directory, Clock.systemUTC())) {
            assertThat(database.table("things").itemCount()).isEqualTo(11);
            assertThat(database.streams().current("things").shard().records()).hasSize(11);
        }
    }
}
