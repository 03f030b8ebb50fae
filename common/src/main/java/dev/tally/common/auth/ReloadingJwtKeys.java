package dev.tally.common.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.function.Supplier;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * The JWT keys read from the secret, re-read when older than a time to live and on demand (after a
 * SnapStart restore, so a key rotated after the snapshot reaches every restored environment). A
 * failed re-read keeps the keys in hand and is retried at the next use after a short back-off; the
 * first read fails loudly (a function without its key must not start).
 */
public final class ReloadingJwtKeys implements JwtKeySource {

    /** How long keys are used before the secret is read again. */
    public static final Duration DEFAULT_TIME_TO_LIVE = Duration.ofMinutes(5);

    private static final Duration RETRY_AFTER_FAILURE = Duration.ofSeconds(30);
    private static final Logger LOG = LogManager.getLogger(ReloadingJwtKeys.class);

    private final Supplier<String> secret;
    private final Duration timeToLive;
    private final Clock clock;
    private volatile JwtKeyRing ring;
    private volatile Instant nextRead = Instant.MIN;

    /**
     * @param secret reads the secret string, uncached (each call may call Secrets Manager)
     * @param timeToLive how long a read is used
     * @param clock when "now" is
     */
    public ReloadingJwtKeys(Supplier<String> secret, Duration timeToLive, Clock clock) {
        this.secret = Objects.requireNonNull(secret, "secret");
        this.timeToLive = Objects.requireNonNull(timeToLive, "timeToLive");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public JwtKeyRing keyRing() {
        JwtKeyRing current = ring;
        if (current == null) {
            return reload();
        }
        if (clock.instant().isAfter(nextRead)) {
            refresh(current);
        }
        return ring;
    }

    @Override
    public HmacKey hmacKey() {
        return keyRing().signingKey();
    }

    /** Reads the secret now (first use, after a restore); throws when it cannot. */
    public synchronized JwtKeyRing reload() {
        JwtKeyRing read = JwtKeyRing.fromSecretString(secret.get());
        ring = read;
        nextRead = clock.instant().plus(timeToLive);
        return read;
    }

    private synchronized void refresh(JwtKeyRing current) {
        if (ring != current || !clock.instant().isAfter(nextRead)) {
            return; // another thread refreshed it
        }
        try {
            JwtKeyRing read = JwtKeyRing.fromSecretString(secret.get());
            if (!read.signingKeyId().equals(current.signingKeyId())) {
                LOG.info("jwt signing key changed signingKeyId={} keys={}", read.signingKeyId(), read.size());
            }
            ring = read;
            nextRead = clock.instant().plus(timeToLive);
        } catch (RuntimeException failed) {
            LOG.warn(
                    "jwt key re-read failed, keeping the current keys error={}",
                    failed.getClass().getSimpleName());
            nextRead = clock.instant().plus(RETRY_AFTER_FAILURE);
        }
    }
}
