package dev.tally.local.runtime.lambda;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One execution environment of a function: a JVM process running the runtime interface client
 * against its own {@link RuntimeApiServer}. It runs one invocation at a time; the first one
 * waits for the init phase and reports its {@code Init Duration}.
 */
final class FunctionContainer implements AutoCloseable {

    /** Lambda's limit on the init phase before it is retried within the first invocation. */
    static final Duration INIT_LIMIT = Duration.ofSeconds(10);

    private static final AtomicInteger SEQUENCE = new AtomicInteger();
    private static final byte[] EXIT_ERROR =
            "{\"errorMessage\":\"Runtime exited without providing a reason\",\"errorType\":\"Runtime.ExitError\"}"
                    .getBytes(StandardCharsets.UTF_8);

    private final String id;
    private final FunctionSpec spec;
    private final PlatformLog log;
    private final RuntimeApiServer api;
    private final Process process;
    private final long startedNanos;
    private boolean initialised;
    private volatile boolean dead;
    private volatile long lastUsedNanos;

    private FunctionContainer(
            FunctionSpec spec, PlatformLog log, RuntimeApiServer api, Process process, long startedNanos) {
        this.id = spec.name() + "-" + SEQUENCE.incrementAndGet();
        this.spec = spec;
        this.log = log;
        this.api = api;
        this.process = process;
        this.startedNanos = startedNanos;
        this.lastUsedNanos = startedNanos;
        pump(process.getInputStream(), "stdout");
        pump(process.getErrorStream(), "stderr");
    }

    /** Starts a container process; its init runs while the caller prepares the first invocation. */
    static FunctionContainer start(FunctionSpec spec, ContainerLauncher launcher, PlatformLog log, String functionArn)
            throws IOException {
        return start(spec, launcher, log, functionArn, null);
    }

    /** Starts a container; with {@code aotCacheOutput}, an AOT training container (see {@link AotTraining}). */
    static FunctionContainer start(
            FunctionSpec spec, ContainerLauncher launcher, PlatformLog log, String functionArn, Path aotCacheOutput)
            throws IOException {
        RuntimeApiServer api = new RuntimeApiServer(functionArn);
        try {
            long started = System.nanoTime();
            Process process = launcher.launch(spec, api.address(), aotCacheOutput);
            return new FunctionContainer(spec, log, api, process, started);
        } catch (IOException | RuntimeException e) {
            api.close();
            throw e;
        }
    }

    String id() {
        return id;
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return !dead && process.isAlive();
    }

    long lastUsedNanos() {
        return lastUsedNanos;
    }

    /** Runs one invocation to its end; never throws for function failures (see {@link InvocationResult}). */
    InvocationResult invoke(Invocation invocation) {
        boolean cold = !initialised;
        Double initMillis = null;
        if (cold) {
            InvocationResult initFailure = awaitInit();
            if (initFailure != null) {
                close();
                return finish(invocation, true, null, 0, initFailure);
            }
            initMillis = (api.firstPoll().join() - startedNanos) / 1_000_000.0;
            initialised = true;
        }
        log.platform(spec.name(), "START RequestId: " + invocation.requestId() + " Version: $LATEST");
        long deadline = System.currentTimeMillis() + spec.timeout().toMillis();
        RuntimeApiServer.Pending pending = api.submit(invocation, deadline);
        InvocationResult result;
        try {
            Object outcome = CompletableFuture.anyOf(pending.result(), process.onExit())
                    .get(spec.timeout().toMillis(), TimeUnit.MILLISECONDS);
            result = outcome instanceof InvocationResult r
                    ? r
                    : new InvocationResult.FunctionError("Runtime.ExitError", EXIT_ERROR);
        } catch (TimeoutException e) {
            log.platform(
                    spec.name(),
                    invocation.requestId() + " Task timed out after "
                            + String.format("%.2f", spec.timeout().toMillis() / 1000.0) + " seconds");
            result = new InvocationResult.Timeout(spec.timeout().toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            result = new InvocationResult.Timeout(spec.timeout().toMillis());
        } catch (ExecutionException e) {
            result = new InvocationResult.FunctionError("Runtime.ExitError", EXIT_ERROR);
        }
        long endNanos = System.nanoTime();
        long deliveredNanos = pending.delivered().getNow(endNanos);
        return finish(invocation, cold, initMillis, (endNanos - deliveredNanos) / 1_000_000.0, result);
    }

    /** Waits for the init phase; null when it completed, else how it failed. */
    InvocationResult awaitInit() {
        long limitMillis = INIT_LIMIT.plus(spec.timeout()).toMillis();
        try {
            CompletableFuture.anyOf(api.firstPoll(), api.initError(), process.onExit())
                    .get(limitMillis, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            log.platform(
                    spec.name(), "INIT_REPORT Init Duration: " + limitMillis + " ms\tPhase: init\tStatus: timeout");
            return new InvocationResult.Timeout(limitMillis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new InvocationResult.Timeout(limitMillis);
        } catch (ExecutionException e) {
            return new InvocationResult.FunctionError("Runtime.ExitError", EXIT_ERROR);
        }
        if (api.initError().isDone()) {
            return api.initError().join();
        }
        if (!api.firstPoll().isDone()) {
            return new InvocationResult.FunctionError("Runtime.ExitError", EXIT_ERROR);
        }
        return null;
    }

    private InvocationResult finish(
            Invocation invocation, boolean cold, Double initMillis, double durationMillis, InvocationResult result) {
        long maxMemory = peakResidentMegabytes();
        if (result instanceof InvocationResult.Timeout || !process.isAlive()) {
            // A timeout or a dead runtime ends the container; a handler's exception does not.
            close();
        }
        String status = result instanceof InvocationResult.Success
                ? "success"
                : result instanceof InvocationResult.Timeout ? "timeout" : "error";
        String errorType = result instanceof InvocationResult.FunctionError f ? f.errorType() : null;
        long billed = (long) Math.ceil(durationMillis + (initMillis == null ? 0 : initMillis));
        log.platform(spec.name(), "END RequestId: " + invocation.requestId());
        log.report(new InvocationReport(
                System.currentTimeMillis(),
                spec.name(),
                invocation.requestId(),
                id,
                TraceHeader.field(invocation.traceHeader(), "Root"),
                TraceHeader.field(invocation.traceHeader(), "Parent"),
                cold,
                initMillis,
                durationMillis,
                Math.max(1, billed),
                spec.memorySizeMb(),
                maxMemory,
                status,
                errorType));
        lastUsedNanos = System.nanoTime();
        return result;
    }

    private long peakResidentMegabytes() {
        try {
            List<String> lines = Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status"));
            for (String line : lines) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            // The process is gone or /proc is absent (not Linux): the peak is unknown.
        }
        return 0;
    }

    private void pump(InputStream stream, String name) {
        Thread thread = new Thread(
                () -> {
                    try (BufferedReader reader =
                            new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                        for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                            log.functionOutput(spec.name(), line);
                        }
                    } catch (IOException e) {
                        // The container ended; nothing more to read.
                    }
                },
                id + "-" + name);
        thread.setDaemon(true);
        thread.start();
    }

    /** Stops the container: SIGTERM, then SIGKILL after a short grace period; idempotent. */
    @Override
    public void close() {
        dead = true;
        api.close();
        if (process.isAlive()) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroy();
            try {
                if (!process.waitFor(2, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * Asks the JVM to exit (SIGTERM) and waits up to {@code grace} for it and its children (an AOT
     * training JVM assembles its cache in a child process at exit), then kills what is left.
     *
     * @return whether it exited within the grace period
     */
    boolean stopGracefully(Duration grace) {
        dead = true;
        process.destroy();
        boolean exited;
        try {
            exited = process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            exited = false;
        }
        if (!exited) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
        api.close();
        return exited;
    }

    /** Kills the container at once (SIGKILL), for shutdown hooks; {@link #awaitExit} waits for it. */
    void kill() {
        dead = true;
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        api.close();
    }

    /** Waits (briefly) until the process has exited. */
    void awaitExit() {
        try {
            process.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
