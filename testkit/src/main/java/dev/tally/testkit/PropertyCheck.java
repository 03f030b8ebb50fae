package dev.tally.testkit;

import java.security.SecureRandom;
import java.util.SplittableRandom;

/**
 * Runs a property over generated samples: {@code tries} samples, each from its own seed.
 *
 * <p>On the first failing sample it prints the seed and throws an {@link AssertionError} whose
 * message names the try, the seed, the replay switch and the sample (its {@code toString}, cut
 * short), with the original failure as the cause. {@code -Dtally.seed=SEED} (on the {@code mvn}
 * line: Surefire and Failsafe pass user properties to the test JVM) runs exactly that sample once
 * instead; pick the test with {@code -Dtest=Class#method}. Without it every run draws new seeds,
 * so repeated builds cover new ground. See {@code docs/adr/0160-seeded-property-tests.md}.
 */
public final class PropertyCheck {

    /** The system property that replays one seed. */
    public static final String SEED_PROPERTY = "tally.seed";

    private static final int SAMPLE_TEXT_MAX = 2_000;

    private PropertyCheck() {}

    /**
     * A property of one sample: returns normally when it holds, throws (an assertion or any
     * exception) when it does not.
     *
     * @param <T> the sample type
     */
    @FunctionalInterface
    public interface Property<T> {
        /** Checks the property for {@code sample}. */
        void check(T sample) throws Exception;
    }

    /** Checks {@code property} on {@code tries} samples of {@code generator} (or on the replayed seed only). */
    public static <T> void forAll(int tries, Generator<T> generator, Property<T> property) {
        if (tries <= 0) {
            throw new IllegalArgumentException("tries must be positive");
        }
        String replay = System.getProperty(SEED_PROPERTY);
        if (replay != null && !replay.isBlank()) {
            tryOne(1, 1, Long.parseLong(replay.trim()), generator, property);
            return;
        }
        SplittableRandom seeds = new SplittableRandom(new SecureRandom().nextLong());
        for (int attempt = 1; attempt <= tries; attempt++) {
            tryOne(attempt, tries, seeds.nextLong(), generator, property);
        }
    }

    /** Whether this run replays one seed ({@code -Dtally.seed}); coverage checks do not apply then. */
    public static boolean replaying() {
        String replay = System.getProperty(SEED_PROPERTY);
        return replay != null && !replay.isBlank();
    }

    private static <T> void tryOne(int attempt, int tries, long seed, Generator<T> generator, Property<T> property) {
        T sample = null;
        try {
            sample = generator.next(new Source(seed));
            property.check(sample);
        } catch (Exception | AssertionError failure) {
            String message = "property failed on try " + attempt + " of " + tries + " with seed " + seed
                    + "; replay it with -D" + SEED_PROPERTY + "=" + seed + "\nsample: " + describe(sample);
            System.err.println(message);
            throw new AssertionError(message, failure);
        }
    }

    private static String describe(Object sample) {
        String text;
        try {
            text = String.valueOf(sample);
        } catch (RuntimeException unprintable) {
            return "(toString failed: " + unprintable.getClass().getName() + ")";
        }
        return text.length() <= SAMPLE_TEXT_MAX
                ? text
                : text.substring(0, SAMPLE_TEXT_MAX) + "… (" + text.length() + " chars)";
    }
}
