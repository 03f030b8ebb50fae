package dev.tally.common.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/** A UTC clock a test sets and moves; thread-safe. The one test clock of the core modules' tests. */
public final class SettableClock extends Clock {

    private final AtomicReference<Instant> now;

    /** A clock standing at {@code start}. */
    public SettableClock(Instant start) {
        this.now = new AtomicReference<>(start);
    }

    /** Moves the clock to {@code instant}. */
    public void set(Instant instant) {
        now.set(instant);
    }

    /** Moves the clock forward by {@code step}. */
    public void advance(Duration step) {
        now.updateAndGet(current -> current.plus(step));
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }

    @Override
    public Instant instant() {
        return now.get();
    }
}
