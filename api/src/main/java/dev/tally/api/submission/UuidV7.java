package dev.tally.api.submission;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.Objects;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Generates UUIDv7 (RFC 9562): 48 bits of Unix milliseconds, then random bits, so ids sort by
 * creation time (a user's debts list in creation order).
 *
 * <p>Within one generator the ids are strictly increasing: the 12 {@code rand_a} bits are a counter
 * seeded randomly each millisecond (RFC 9562 §6.2, method 1); when the counter runs out the
 * timestamp is advanced by one millisecond rather than going backwards. Thread-safe.
 */
public final class UuidV7 {

    /**
     * The shape of every debt id the API hands out, {@link UUID#toString()}'s: lower-case hex in
     * 8-4-4-4-12 groups. The command routes refuse another path id (400); the query routes find no
     * debt for it (404). The one copy of the pattern (ADR 0167).
     */
    public static final Pattern SHAPE = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    private static final int COUNTER_BITS = 12;
    private static final int COUNTER_MAX = (1 << COUNTER_BITS) - 1;
    /** Seeds leave room for at least 2048 ids per millisecond before the timestamp is advanced. */
    private static final int SEED_BOUND = 1 << (COUNTER_BITS - 1);

    private final Clock clock;
    private final SecureRandom random;
    private long lastMillis = -1;
    private int counter;

    /** A generator on the system clock. */
    public UuidV7() {
        this(Clock.systemUTC(), new SecureRandom());
    }

    UuidV7(Clock clock, SecureRandom random) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.random = Objects.requireNonNull(random, "random");
    }

    /** The next id: later than every id this generator gave before. */
    public UUID next() {
        long millis;
        int sequence;
        synchronized (this) {
            long now = clock.millis();
            if (now > lastMillis) {
                lastMillis = now;
                counter = random.nextInt(SEED_BOUND);
            } else if (counter < COUNTER_MAX) {
                counter++;
            } else {
                lastMillis++;
                counter = random.nextInt(SEED_BOUND);
            }
            millis = lastMillis;
            sequence = counter;
        }
        long mostSignificant = (millis & 0xFFFF_FFFF_FFFFL) << 16 | 0x7000L | sequence;
        long leastSignificant = random.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL | 0x8000_0000_0000_0000L;
        return new UUID(mostSignificant, leastSignificant);
    }

    /** The Unix millisecond timestamp carried by a UUIDv7. */
    public static long timestampMillis(UUID id) {
        if (id.version() != 7) {
            throw new IllegalArgumentException("not a UUIDv7: " + id);
        }
        return id.getMostSignificantBits() >>> 16;
    }
}
