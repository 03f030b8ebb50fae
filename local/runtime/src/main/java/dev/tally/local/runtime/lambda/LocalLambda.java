package dev.tally.local.runtime.lambda;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The local Lambda service: the functions of a stack, each with its pool of containers, invoked
 * by name; idle containers are stopped in the background. Closing it kills every container.
 */
public final class LocalLambda implements AutoCloseable {

    /** The account id in local ARNs. */
    public static final String ACCOUNT_ID = "000000000000";

    private final String region;
    private final Map<String, FunctionPool> pools = new LinkedHashMap<>();
    private final ScheduledExecutorService reaper;
    private final Thread shutdownHook;

    /**
     * @param functions the functions to serve
     * @param launcher how containers are started
     * @param log where platform lines and reports go
     * @param region the region in the functions' ARNs
     * @param idleTimeout how long a warm container may stay unused before it is stopped
     */
    public LocalLambda(
            List<FunctionSpec> functions,
            ContainerLauncher launcher,
            PlatformLog log,
            String region,
            Duration idleTimeout) {
        this.region = region;
        for (FunctionSpec spec : functions) {
            pools.put(spec.name(), new FunctionPool(spec, launcher, log, functionArn(spec.name())));
        }
        this.reaper = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "container-reaper");
            thread.setDaemon(true);
            return thread;
        });
        long period = Math.max(100, Math.min(idleTimeout.toMillis() / 2, 30_000));
        reaper.scheduleWithFixedDelay(
                () -> pools.values().forEach(pool -> pool.stopIdle(idleTimeout)),
                period,
                period,
                TimeUnit.MILLISECONDS);
        // A container must never outlive the runtime: kill them all when this JVM exits.
        this.shutdownHook = new Thread(() -> pools.values().forEach(FunctionPool::close), "containers-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /** The ARN of a local function. */
    public String functionArn(String functionName) {
        return "arn:aws:lambda:" + region + ":" + ACCOUNT_ID + ":function:" + functionName;
    }

    /** Invokes a function synchronously (RequestResponse) and waits for its outcome. */
    public InvocationResult invoke(String functionName, Invocation invocation) {
        FunctionPool pool = pools.get(functionName);
        if (pool == null) {
            throw new IllegalArgumentException("no function named " + functionName);
        }
        return pool.invoke(invocation);
    }

    /** The spec of a function, as given at construction. */
    public FunctionSpec function(String functionName) {
        FunctionPool pool = pools.get(functionName);
        if (pool == null) {
            throw new IllegalArgumentException("no function named " + functionName);
        }
        return pool.spec();
    }

    /** The process ids of all running containers. */
    public List<Long> containerPids() {
        return pools.values().stream()
                .flatMap(pool -> pool.containerPids().stream())
                .toList();
    }

    /** The process ids of the running containers of one function. */
    public List<Long> containerPids(String functionName) {
        return pools.get(functionName).containerPids();
    }

    /**
     * Stops every idle container of a function now, so its next invocation is a cold start (the
     * cold-start benchmark's way to get one; a busy container finishes its invocation first).
     */
    public void stopIdleContainers(String functionName) {
        FunctionPool pool = pools.get(functionName);
        if (pool == null) {
            throw new IllegalArgumentException("no function named " + functionName);
        }
        pool.stopIdle(java.time.Duration.ZERO);
    }

    @Override
    public void close() {
        reaper.shutdownNow();
        pools.values().forEach(FunctionPool::close);
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // Already shutting down: the hook runs anyway.
        }
    }
}
