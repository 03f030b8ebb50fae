package dev.tally.bench.dynamodb;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** Runs one workload from several client threads for a fixed time and counts completed operations. */
final class ThroughputRunner {

    /** Operations per second over the measured window, how many operations failed, and the first failure seen. */
    record Result(double operationsPerSecond, long operations, long failures, String firstFailure) {
    }

    private ThroughputRunner() {
    }

    static Result run(DynamoDbClient client, Workload workload, int threads, Duration warmUp, Duration measured) {
        runFor(client, workload, threads, warmUp, new AtomicReference<>());
        AtomicReference<String> firstFailure = new AtomicReference<>();
        long started = System.nanoTime();
        long[] counts = runFor(client, workload, threads, measured, firstFailure);
        double seconds = (System.nanoTime() - started) / 1e9;
        return new Result(counts[0] / seconds, counts[0], counts[1], firstFailure.get());
    }

    private static long[] runFor(DynamoDbClient client, Workload workload, int threads, Duration duration,
                                 AtomicReference<String> firstFailure) {
        AtomicBoolean stop = new AtomicBoolean();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<long[]>> futures = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                futures.add(pool.submit(() -> {
                    long done = 0;
                    long failed = 0;
                    while (!stop.get()) {
                        try {
                            workload.runOnce(client);
                            done++;
                        } catch (RuntimeException failure) {
                            failed++;
                            firstFailure.compareAndSet(null, failure.getClass().getSimpleName() + ": "
                                    + String.valueOf(failure.getMessage()).lines().findFirst().orElse(""));
                        }
                    }
                    return new long[] {done, failed};
                }));
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
