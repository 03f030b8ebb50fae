package dev.tally.ops.dlq;

/** At most {@code perSecond} permits a second, evenly spaced; unlimited when 0. */
final class RateLimiter {

    private final double nanosPerPermit;
    private long next = System.nanoTime();

    RateLimiter(double perSecond) {
        this.nanosPerPermit = perSecond <= 0 ? 0 : 1_000_000_000d / perSecond;
    }

    /** Waits until {@code permits} may be used. */
    void acquire(int permits) {
        if (nanosPerPermit == 0) {
            return;
        }
        long now = System.nanoTime();
        long wait = next - now;
        if (wait > 0) {
            try {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            }
        }
        next = Math.max(next, now) + (long) (permits * nanosPerPermit);
    }
}
