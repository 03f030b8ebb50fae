package dev.tally.common.observability;

import com.amazonaws.xray.AWSXRay;
import com.amazonaws.xray.entities.Entity;
import com.amazonaws.xray.entities.Subsegment;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

/**
 * Makes a function's init work visible in its cold-start trace. Each step of the init phase
 * (configuration, clients, the secret read, priming) is timed with {@link #step}; on the cold-start
 * invocation, {@link TraceAnnotations#invocation} calls {@link #emit()}, which writes one X-Ray
 * subsegment per step, named {@code Init <step>}, with the step's own start and end times.
 *
 * <p>No trace exists during init (Lambda opens the trace at the first invocation), hence the
 * deferred emission. Lambda draws the init phase as the {@code Initialization} subsegment of the
 * function segment; these subsegments are written where the SDK stands at that moment (inside the
 * handler's subsegment), and the local runtime's X-Ray sink moves them under {@code Initialization}
 * (docs/adr/0101-init-subsegments.md).
 */
public final class InitTrace {

    /** The prefix of every init subsegment's name. */
    public static final String PREFIX = "Init ";

    private static final List<Step> STEPS = new CopyOnWriteArrayList<>();

    private InitTrace() {}

    /** One timed init step (epoch seconds, as X-Ray writes times). */
    public record Step(String name, double startTime, double endTime) {}

    /** Runs one named init step and remembers how long it took. */
    public static <T> T step(String name, Supplier<T> work) {
        double start = now();
        try {
            return work.get();
        } finally {
            STEPS.add(new Step(name, start, now()));
        }
    }

    /** Runs one named init step without a result. */
    public static void run(String name, Runnable work) {
        step(name, () -> {
            work.run();
            return null;
        });
    }

    /** The steps timed so far and not yet emitted. */
    public static List<Step> pending() {
        return List.copyOf(STEPS);
    }

    /**
     * Writes the pending steps as subsegments of the current trace entity and forgets them; does
     * nothing without an active trace (unit tests, tracing disabled).
     *
     * @return how many subsegments were written
     */
    public static int emit() {
        if (STEPS.isEmpty()) {
            return 0;
        }
        Entity current = AWSXRay.getGlobalRecorder().getTraceEntity();
        if (current == null) {
            return 0;
        }
        List<Step> steps = List.copyOf(STEPS);
        STEPS.removeAll(steps);
        for (Step step : steps) {
            Subsegment subsegment = AWSXRay.beginSubsegment(PREFIX + step.name());
            subsegment.setStartTime(step.startTime());
            subsegment.setEndTime(step.endTime());
            subsegment.putMetadata("tally", "initStep", step.name());
            AWSXRay.endSubsegment();
        }
        return steps.size();
    }

    private static double now() {
        java.time.Instant instant = java.time.Instant.now();
        return instant.getEpochSecond() + instant.getNano() / 1_000_000_000.0;
    }
}
