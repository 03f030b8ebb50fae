package dev.tally.ops.projection;

import dev.tally.ops.Progress;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Runs a per-user step over many users on a pool, showing progress; a user whose step fails is
 * a FAILED verdict and the others go on.
 */
final class UserChecks {

    private UserChecks() {}

    /** {@code step} for each user, in the users' order. */
    static List<UserCheck> run(
            ExecutorService pool, Collection<String> users, Function<String, UserCheck> step, Progress progress) {
        AtomicInteger done = new AtomicInteger();
        List<Future<UserCheck>> futures = new ArrayList<>();
        for (String user : users) {
            futures.add(pool.submit(() -> {
                UserCheck check;
                try {
                    check = step.apply(user);
                } catch (RuntimeException failed) {
                    check = new UserCheck(user, UserCheck.State.FAILED, List.of(), SummaryAudit.describe(failed));
                }
                progress.update(done.incrementAndGet(), users.size(), "");
                return check;
            }));
        }
        List<UserCheck> checks = new ArrayList<>();
        for (Future<UserCheck> future : futures) {
            try {
                checks.add(Objects.requireNonNull(future.get()));
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", interrupted);
            } catch (ExecutionException impossible) {
                throw new IllegalStateException(impossible.getCause());
            }
        }
        progress.done(done.get(), users.size(), "");
        return checks;
    }
}
