package dev.tally.testkit;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;

/**
 * The randomness of one try: every value a {@link Generator} draws comes from here, so one seed
 * reproduces the whole sample.
 *
 * <p>Numbers lean towards the cases that break code: about one draw in sixteen is an edge of the
 * range (its ends, their neighbours, zero, one, minus one), about five in sixteen have a small
 * magnitude (a uniformly chosen bit length), the rest are uniform over the range.
 */
public final class Source {

    private final SplittableRandom random;

    /** A source whose draws are fixed by {@code seed}. */
    public Source(long seed) {
        this.random = new SplittableRandom(seed);
    }

    /** A {@code long} in {@code [min, max]} (both included), edge-biased. */
    public long longBetween(long min, long max) {
        if (min > max) {
            throw new IllegalArgumentException("min " + min + " > max " + max);
        }
        int roll = random.nextInt(16);
        if (roll == 0) {
            return edge(min, max);
        }
        if (roll <= 5) {
            int bits = 1 + random.nextInt(63);
            long small = random.nextLong() >> (64 - bits);
            if (small >= min && small <= max) {
                return small;
            }
        }
        return uniform(min, max);
    }

    /** Any {@code long}, edge-biased. */
    public long anyLong() {
        return longBetween(Long.MIN_VALUE, Long.MAX_VALUE);
    }

    /** An {@code int} in {@code [min, max]} (both included), edge-biased. */
    public int intBetween(int min, int max) {
        return (int) longBetween(min, max);
    }

    /** An {@code int} in {@code [0, bound)}, uniform (for indexes and choices). */
    public int index(int bound) {
        return random.nextInt(bound);
    }

    /** True with probability {@code p}. */
    public boolean chance(double p) {
        return random.nextDouble() < p;
    }

    /** One of {@code values}, uniform. */
    public <T> T pick(List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    /** One of {@code values}, uniform. */
    @SafeVarargs
    public final <T> T pick(T... values) {
        return values[random.nextInt(values.length)];
    }

    /** A random subset of {@code values}, in their order. */
    public <T> List<T> subset(List<T> values) {
        List<T> chosen = new ArrayList<>();
        for (T value : values) {
            if (random.nextBoolean()) {
                chosen.add(value);
            }
        }
        return chosen;
    }

    /** A list of {@code 0..maxSize} values of {@code element}; the size is uniform (small sizes as likely as large). */
    public <T> List<T> listOf(int maxSize, Generator<T> element) {
        return listOfSize(random.nextInt(maxSize + 1), element);
    }

    /** A list of exactly {@code size} values of {@code element}. */
    public <T> List<T> listOfSize(int size, Generator<T> element) {
        List<T> values = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            values.add(element.next(this));
        }
        return values;
    }

    /** A string of {@code 0..maxLength} characters drawn from {@code alphabet}. */
    public String string(int maxLength, String alphabet) {
        int length = random.nextInt(maxLength + 1);
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            text.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return text.toString();
    }

    /**
     * A string of {@code 0..maxLength} UTF-16 units from every part of Unicode: ASCII, two- and
     * three-byte UTF-8 characters on both sides of the surrogate block, supplementary characters
     * (surrogate pairs) and, when {@code loneSurrogates}, unpaired surrogates.
     */
    public String unicode(int maxLength, boolean loneSurrogates) {
        int length = random.nextInt(maxLength + 1);
        StringBuilder text = new StringBuilder(length + 1);
        while (text.length() < length) {
            switch (random.nextInt(loneSurrogates ? 7 : 6)) {
                case 0 -> text.append((char) ('a' + random.nextInt(3)));
                case 1 -> text.append((char) (0x20 + random.nextInt(0x5F)));
                case 2 -> text.append((char) (0x80 + random.nextInt(0x780)));
                case 3 -> text.append((char) (0x800 + random.nextInt(0xD800 - 0x800)));
                case 4 -> text.append((char) (0xE000 + random.nextInt(0x10000 - 0xE000)));
                case 5 -> text.appendCodePoint(0x10000 + random.nextInt(0x110000 - 0x10000));
                default -> text.append((char) (0xD800 + random.nextInt(0x800)));
            }
        }
        return text.toString();
    }

    /** {@code 0..maxLength} bytes, each any value (the high bit set in about half). */
    public byte[] bytes(int maxLength) {
        byte[] bytes = new byte[random.nextInt(maxLength + 1)];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = random.nextInt(4) == 0
                    ? pick((byte) 0, (byte) 1, (byte) 0x7F, (byte) 0x80, (byte) 0xFF)
                    : (byte) random.nextInt(256);
        }
        return bytes;
    }

    /**
     * A decimal with exactly {@code scale} fraction digits whose absolute value is at most
     * {@code maxAbs}; its unscaled value is edge-biased like {@link #longBetween} when it fits a
     * long, and of a uniformly chosen bit length otherwise.
     */
    public BigDecimal decimal(BigDecimal maxAbs, int scale) {
        BigInteger bound = maxAbs.movePointRight(scale).toBigInteger();
        BigInteger unscaled;
        if (bound.bitLength() < Long.SIZE) {
            unscaled = BigInteger.valueOf(longBetween(-bound.longValue(), bound.longValue()));
        } else if (random.nextInt(16) == 0) {
            unscaled = pick(bound, bound.negate(), BigInteger.ZERO, BigInteger.ONE, BigInteger.ONE.negate());
        } else {
            unscaled = new BigInteger(1 + random.nextInt(bound.bitLength()), new Random(random.nextLong()));
            unscaled = unscaled.mod(bound.add(BigInteger.ONE));
            unscaled = random.nextBoolean() ? unscaled : unscaled.negate();
        }
        return new BigDecimal(unscaled, scale);
    }

    /** A fresh seed, for code under test that takes its own {@link Random} or seed. */
    public long seed() {
        return random.nextLong();
    }

    /** A {@link Random} seeded from this source, for code under test that draws its own values. */
    public Random random() {
        return new Random(random.nextLong());
    }

    private long edge(long min, long max) {
        long[] candidates = {min, max, min + 1, max - 1, 0, 1, -1};
        long value = candidates[random.nextInt(candidates.length)];
        return value >= min && value <= max ? value : min;
    }

    private long uniform(long min, long max) {
        long span = max - min + 1;
        if (span == 0) {
            return random.nextLong();
        }
        return min + Long.remainderUnsigned(random.nextLong(), span);
    }
}
