package dev.tally.common.snapstart;

import dev.tally.common.observability.ColdStart;
import dev.tally.common.observability.InitTrace;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;

/**
 * A function's SnapStart hooks, registered with {@code org.crac}. {@code beforeCheckpoint} runs the
 * function's priming: its real code paths against its real clients, with no side effects (reads of
 * keys that cannot exist, parsing and serialising fixtures), so the snapshot holds loaded, linked and
 * warmed classes and open connections. {@code afterRestore} marks the next invocation cold and runs
 * the restore actions (re-reading the JWT keys).
 *
 * <p>Off SnapStart the hooks never run, except in the local runtime's AOT training container
 * ({@code TALLY_AOT_TRAINING=true}), where priming runs at registration: that run is what the
 * container's AOT cache records (docs/adr/0103-snapstart-priming.md).
 */
public final class Priming implements Resource {

    /** Set by the local runtime in an AOT training container only. */
    public static final String TRAINING_VARIABLE = "TALLY_AOT_TRAINING";

    private static final Logger LOG = LogManager.getLogger(Priming.class);
    /** org.crac holds resources weakly: these strong references keep them registered. */
    private static final List<Priming> REGISTERED = new CopyOnWriteArrayList<>();

    private final String name;
    private final Runnable primer;
    private final Runnable afterRestore;

    private Priming(String name, Runnable primer, Runnable afterRestore) {
        this.name = Objects.requireNonNull(name, "name");
        this.primer = Objects.requireNonNull(primer, "primer");
        this.afterRestore = Objects.requireNonNull(afterRestore, "afterRestore");
    }

    /**
     * Registers a function's priming.
     *
     * @param name the function, for log lines
     * @param primer the side-effect-free warm-up; must not write anything
     * @param afterRestore what to redo in a restored environment (e.g. re-read keys)
     */
    public static Priming register(String name, Runnable primer, Runnable afterRestore) {
        Priming priming = new Priming(name, primer, afterRestore);
        REGISTERED.add(priming);
        Core.getGlobalContext().register(priming);
        if ("true".equals(System.getenv(TRAINING_VARIABLE))) {
            priming.prime();
        }
        return priming;
    }

    /** Runs the primer as the {@code priming} init step; a failure is logged, never fatal (priming is an optimisation). */
    public void prime() {
        try {
            InitTrace.run("priming", primer);
        } catch (RuntimeException failed) {
            LOG.warn(
                    "priming failed function={} error={}",
                    name,
                    failed.getClass().getSimpleName());
        }
    }

    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) {
        prime();
    }

    @Override
    public void afterRestore(Context<? extends Resource> context) {
        ColdStart.reset();
        afterRestore.run();
    }
}
