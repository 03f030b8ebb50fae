package dev.tally.bench.dynamodb;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** Runs one workload from several client threads for a fixed time and counts completed operations. */
final class ThroughputRunner {

    /** Operations per second over the measured window, how many operations failed, and the first failure seen. */
    record Result(double operationsPerSecond, long operations, long failures, String firstFailure) {}

    private ThroughputRunner() {}

    /** One client thread's way of doing one operation; closed when the thread stops. */
    interface Worker extends AutoCloseable {
        void runOnce();

        @Override
        default void close() {}
    }

    /** The shared, thread-safe SDK client: every thread uses the same one. */
    static Supplier<Worker> sdk(DynamoDbClient client, Workload workload) {
        return () -> () -> workload.runOnce(client);
    }

    /** A raw client (one keep-alive connection) per thread. */
    static Supplier<Worker> raw(URI endpoint, Workload workload) {
        return () -> {
            RawDynamoDbClient client = new RawDynamoDbClient(endpoint);
            return new Worker() {
                @Override
                public void runOnce() {
                    workload.runOnce(client);
                }

                @Override
                public void close() {
                    client.close();
                }
            };
        };
    }

    static Result run(Supplier<Worker> workers, int threads, Duration warmUp, Duration measured) {
        runFor(workers, threads, warmUp, new AtomicReference<>());
        AtomicReference<String> firstFailure = new AtomicReference<>();
        long started = System.nanoTime();
        long[] counts = runFor(workers, threads, measured, firstFailure);
        double seconds = (System.nanoTime() - started) / 1e9;
        return new Result(counts[0] / seconds, counts[0], counts[1], firstFailure.get());
    }

    private static long[] loop(Supplier<Worker> workers, AtomicBoolean stop, AtomicReference<String> firstFailure) {
        long done = 0;
        long failed = 0;
        try (Worker worker = workers.get()) {
            while (!stop.get()) {
                try {
                    worker.runOnce();
                    done++;
                } catch (RuntimeException failure) {
                    failed++;
                    firstFailure.compareAndSet(
                            null,
                            failure.getClass().getSimpleName() + ": "
                                    + String.valueOf(failure.getMessage())
                                            .lines()
                                            .findFirst()
                                            .orElse(""));
                }
            }
        }
        return new long[] {done, failed};
    }

    private static long[] runFor(
            Supplier<Worker> workers, int threads, Duration duration, AtomicReference<String> firstFailure) {
        AtomicBoolean stop = new AtomicBoolean();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<long[]>> futures = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                futures.add(pool.submit(() -> loop(workers, stop, firstFailure)));
            }
            Thread.sleep(duration.toMillis());
            stop.set(true);
            long[] total = new long[2];
            for (Future<long[]> future : futures) {
                long[] counts = future.get();
                total[0] += counts[0];
                total[1] += counts[1];
            }
            return total;
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", interrupted);
        } catch (java.util.concurrent.ExecutionException failure) {
            throw new IllegalStateException("a benchmark thread failed", failure.getCause());
        } finally {
            pool.shutdownNow();
        }
    }
}
