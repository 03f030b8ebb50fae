package dev.tally.api.submission;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tally.common.testing.SettableClock;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class UuidV7Test {

    private static final Instant NOW = Instant.parse("2026-11-27T10:15:30.123Z");

    @Test
    void next_carriesVersion7TheRfcVariantAndTheClockMillis() {
        UuidV7 generator = new UuidV7(Clock.fixed(NOW, ZoneOffset.UTC), new SecureRandom());

        UUID id = generator.next();

        assertThat(id.version()).isEqualTo(7);
        assertThat(id.variant()).isEqualTo(2);
        assertThat(UuidV7.timestampMillis(id)).isEqualTo(NOW.toEpochMilli());
        assertThat(id.toString())
                .startsWith(String.format("%08x-%04x", NOW.toEpochMilli() >>> 16, NOW.toEpochMilli() & 0xFFFF));
    }

    @Test
    void next_withinOneMillisecond_isStrictlyIncreasingAsStringsAndNeverAdvancesFarAhead() {
        UuidV7 generator = new UuidV7(Clock.fixed(NOW, ZoneOffset.UTC), new SecureRandom());
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            ids.add(generator.next().toString());
        }

        assertThat(ids).isSorted().doesNotHaveDuplicates();
        long last = UuidV7.timestampMillis(UUID.fromString(ids.get(ids.size() - 1)));
        // 10,000 ids need at most 10,000 / 2048 extra milliseconds of counter space.
        assertThat(last - NOW.toEpochMilli()).isBetween(0L, 5L);
    }

    @Test
    void next_whenTheClockMovesOn_usesTheNewMillisecond() {
        SettableClock clock = new SettableClock(NOW);
        UuidV7 generator = new UuidV7(clock, new SecureRandom());
        UUID first = generator.next();
        clock.set(NOW.plusMillis(250));

        UUID second = generator.next();

        assertThat(UuidV7.timestampMillis(second) - UuidV7.timestampMillis(first))
                .isEqualTo(250);
        assertThat(second.toString()).isGreaterThan(first.toString());
    }

    @Test
    void next_fromManyThreads_neverRepeats() throws InterruptedException {
        UuidV7 generator = new UuidV7();
        List<UUID> ids = java.util.Collections.synchronizedList(new ArrayList<>());
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            Thread thread = new Thread(() -> {
                for (int i = 0; i < 2_000; i++) {
                    ids.add(generator.next());
                }
            });
            threads.add(thread);
            thread.start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        assertThat(new HashSet<>(ids)).hasSize(8_000);
    }
}
