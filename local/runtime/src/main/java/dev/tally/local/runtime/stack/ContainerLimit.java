package dev.tally.local.runtime.stack;

/**
 * The value of {@code --max-containers}: a number, or {@code auto} for a limit sized from the
 * machine's cores (ADR 0114): one per core, at least two. More containers than cores only add
 * JVMs competing for the same cores and memory (measured: four per function on two cores accepted
 * fewer commands than two).
 */
public final class ContainerLimit {

    /** Containers per core under {@code auto}: two per core measured worse than one on 2 cores (ADR 0114). */
    static final int PER_CORE = 1;

    /** The least {@code auto} gives, so that a function's second request does not wait on one container. */
    static final int AUTO_MINIMUM = 2;

    private ContainerLimit() {}

    /** Parses {@code auto} or a positive whole number; anything else is refused with the option's name. */
    public static int parse(String value, int cores) {
        if ("auto".equalsIgnoreCase(value.strip())) {
            return auto(cores);
        }
        int limit;
        try {
            limit = Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--max-containers must be a whole number or auto, was " + value);
        }
        if (limit < 1) {
            throw new IllegalArgumentException("--max-containers must be at least 1, was " + value);
        }
        return limit;
    }

    /** The {@code auto} limit for a machine with this many cores. */
    public static int auto(int cores) {
        return Math.max(AUTO_MINIMUM, PER_CORE * Math.max(1, cores));
    }
}
