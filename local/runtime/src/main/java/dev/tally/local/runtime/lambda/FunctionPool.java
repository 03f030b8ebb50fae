package dev.tally.local.runtime.lambda;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * The containers of one function: a warm container is reused (most recently used first), a new
 * one starts when all are busy and the function's limit allows, otherwise the invocation waits
 * for one to free up; containers idle longer than the idle timeout are stopped.
 */
final class FunctionPool implements AutoCloseable {

    private final FunctionSpec spec;
    private final ContainerLauncher launcher;
    private final PlatformLog log;
    private final String functionArn;
    private final Deque<FunctionContainer> idle = new ArrayDeque<>();
    private final List<FunctionContainer> all = new ArrayList<>();
    private int starting;
    private boolean closed;

    FunctionPool(FunctionSpec spec, ContainerLauncher launcher, PlatformLog log, String functionArn) {
        this.spec = spec;
        this.launcher = launcher;
        this.log = log;
        this.functionArn = functionArn;
    }

    FunctionSpec spec() {
        return spec;
    }

    /** Runs the invocation in a warm container, or a new one; blocks while all allowed containers are busy. */
    InvocationResult invoke(Invocation invocation) {
        FunctionContainer container = acquire();
        try {
            return container.invoke(invocation);
        } finally {
            release(container);
        }
    }

    private FunctionContainer acquire() {
        synchronized (this) {
            while (true) {
                if (closed) {
                    throw new IllegalStateException("function " + spec.name() + " is shut down");
                }
                FunctionContainer warm = idle.pollFirst();
                if (warm != null && warm.isAlive()) {
                    return warm;
                }
                if (warm != null) {
                    all.remove(warm);
                    continue;
                }
                if (all.size() + starting < spec.maxContainers()) {
                    starting++;
                    break;
                }
                try {
                    wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while waiting for a container of " + spec.name(), e);
                }
            }
        }
        FunctionContainer started = null;
        try {
            started = FunctionContainer.start(spec, launcher, log, functionArn);
            return started;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start a container for " + spec.name(), e);
        } finally {
            synchronized (this) {
                starting--;
                if (started != null) {
                    all.add(started);
                }
                if (closed && started != null) {
                    started.kill();
                }
                notifyAll();
            }
        }
    }

    private synchronized void release(FunctionContainer container) {
        if (container.isAlive() && !closed) {
            idle.addFirst(container);
        } else {
            all.remove(container);
            container.close();
        }
        notifyAll();
    }

    /** Stops containers that have been idle longer than {@code idleTimeout}. */
    void stopIdle(Duration idleTimeout) {
        List<FunctionContainer> expired = new ArrayList<>();
        synchronized (this) {
            long now = System.nanoTime();
            idle.removeIf(container -> {
                boolean stale = !container.isAlive() || now - container.lastUsedNanos() > idleTimeout.toNanos();
                if (stale) {
                    expired.add(container);
                    all.remove(container);
                }
                return stale;
            });
            notifyAll();
        }
        expired.forEach(FunctionContainer::close);
    }

    /** The process ids of the running containers (for tests and the shutdown check). */
    synchronized List<Long> containerPids() {
        return all.stream()
                .filter(FunctionContainer::isAlive)
                .map(FunctionContainer::pid)
                .toList();
    }

    synchronized int idleCount() {
        return idle.size();
    }

    /** Kills every container at once. */
    @Override
    public void close() {
        List<FunctionContainer> toKill;
        synchronized (this) {
            closed = true;
            toKill = new ArrayList<>(all);
            all.clear();
            idle.clear();
            notifyAll();
        }
        toKill.forEach(FunctionContainer::kill);
        toKill.forEach(FunctionContainer::awaitExit);
    }
}
