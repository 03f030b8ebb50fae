package dev.tally.local.dynamodb.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.tally.local.dynamodb.model.ApiException;
import dev.tally.local.dynamodb.model.AttributeValue;
import dev.tally.local.dynamodb.model.IndexDefinition;
import dev.tally.local.dynamodb.model.TableDefinition;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 14 #12: no reader (items or stream) sees a change before its log entry is on disk. */
class DurableVisibilityTest {

    @TempDir
    Path directory;

    private final List<String> events = Collections.synchronizedList(new ArrayList<>());
    private final AtomicBoolean holdForces = new AtomicBoolean();
    private final CountDownLatch forceStarted = new CountDownLatch(1);
    private final CountDownLatch forceReleased = new CountDownLatch(1);

    private final WriteAheadLog.Force heldForce = channel -> {
        if (holdForces.get()) {
            forceStarted.countDown();
            try {
                forceReleased.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted", e);
            }
            events.add("forced");
        }
        channel.force(false);
    };

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

    /** Starts a put whose force is held, then runs {@code observe} on another thread; returns what it saw. */
    private void observeWhileForceIsHeld(Database database, Supplier<String> observe) throws InterruptedException {
        database.write(batch -> batch.createTable(table()));
        holdForces.set(true);
        Thread writer = new Thread(() -> database.write(batch -> batch.put(database.table("things"), item("a"))));
        writer.start();
        forceStarted.await();

        Thread reader = new Thread(() -> events.add("saw " + observe.get()));
        reader.start();
        await().atMost(Duration.ofSeconds(30))
                .until(() -> reader.getState() == Thread.State.TERMINATED
                        || reader.getState() == Thread.State.BLOCKED
                        || reader.getState() == Thread.State.WAITING);
        forceReleased.countDown();
        writer.join();
        reader.join();
    }

    @Test
    void itemRead_duringTheForce_waitsForIt() throws InterruptedException {
        try (Database database = Database.open("us-east-1", directory, Clock.systemUTC(), heldForce)) {
            observeWhileForceIsHeld(
                    database,
                    () -> database.read(() -> database.table("things").get(item("a")) == null ? "absent" : "present"));
        }
        assertThat(events).isIn(List.of("forced", "saw present"), List.of("saw absent", "forced"));
    }

    @Test
    void streamRead_duringTheForce_waitsForIt() throws InterruptedException {
        try (Database database = Database.open("us-east-1", directory, Clock.systemUTC(), heldForce)) {
            observeWhileForceIsHeld(
                    database,
                    () -> database.read(() -> database.streams()
                                    .current("things")
                                    .shard()
                                    .records()
                                    .size() + " records"));
        }
        assertThat(events).isIn(List.of("forced", "saw 1 records"), List.of("saw 0 records", "forced"));
    }

    @Test
    void rejectedCondition_decidedOnAnUnforcedChange_waitsForIt() throws InterruptedException {
        try (Database database = Database.open("us-east-1", directory, Clock.systemUTC(), heldForce)) {
            observeWhileForceIsHeld(database, () -> {
                try {
                    database.write(batch -> {
                        if (database.table("things").get(item("a")) != null) {
                            throw ApiException.conditionFailed();
                        }
                        return null;
                    });
                    return "accepted";
                } catch (ApiException e) {
                    return "rejected";
                }
            });
        }
        assertThat(events).isIn(List.of("forced", "saw rejected"), List.of("saw accepted", "forced"));
    }

    @Test
    void failedForce_stopsTheDatabase_insteadOfServingWhatIsNotOnDisk() {
        AtomicBoolean failForces = new AtomicBoolean();
        WriteAheadLog.Force failing = channel -> {
            if (failForces.get()) {
                throw new IOException("disk gone");
            }
            channel.force(false);
        };
        try (Database database = Database.open("us-east-1", directory, Clock.systemUTC(), failing)) {
            database.write(batch -> batch.createTable(table()));
            failForces.set(true);

            assertThatThrownBy(() -> database.write(batch -> batch.put(database.table("things"), item("a"))))
                    .isInstanceOfSatisfying(
                            ApiException.class, e -> assertThat(e.status()).isEqualTo(500));
            assertThatThrownBy(
                            () -> database.read(() -> database.table("things").get(item("a"))))
                    .isInstanceOfSatisfying(ApiException.class, e -> {
                        assertThat(e.status()).isEqualTo(500);
                        assertThat(e.getMessage()).doesNotContain("disk gone");
                    });
        }
    }
}
