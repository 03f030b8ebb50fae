package dev.tally.bench.dynamodb;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** Runs one workload from several client threads for a fixed time and counts completed operations. */
final class ThroughputRunner {

    /** Operations per second over the measured window, and how many operations failed. */
    record Result(double operationsPerSecond, long operations, long failures) {
    }

    private ThroughputRunner() {
    }

    static Result run(DynamoDbClient client, Workload workload, int threads, Duration warmUp, Duration measured) {
        runFor(client, workload, threads, warmUp);
        long started = System.nanoTime();
        long[] counts = runFor(client, workload, threads, measured);
        double seconds = (System.nanoTime() - started) / 1e9;
        return new Result(counts[0] / seconds, counts[0], counts[1]);
    }

    private static long[] runFor(DynamoDbClient client, Workload workload, int threads, Duration duration) {
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
