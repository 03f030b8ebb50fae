package dev.tally.ops.dlq;

import dev.tally.ops.OpsException;
import dev.tally.ops.Progress;
import java.time.Duration;
import java.util.Objects;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.ListMessageMoveTasksResultEntry;

/**
 * {@code --server-side}: SQS moves the whole DLQ itself ({@code StartMessageMoveTask}), and the run
 * shows the task's progress from {@code ListMessageMoveTasks} until it ends. No filter, no ledger,
 * no per-message outcome: the choice for a large DLQ whose every message should go back.
 */
public final class ServerSideMove {

    private static final Duration POLL = Duration.ofSeconds(1);

    private final SqsClient sqs;
    private final QueueAccess dlq;
    private final QueueAccess queue;

    /** A move from {@code deadLetterQueueUrl} to {@code queueUrl}. */
    public ServerSideMove(SqsClient sqs, String deadLetterQueueUrl, String queueUrl) {
        this.sqs = Objects.requireNonNull(sqs, "sqs");
        this.dlq = new QueueAccess(sqs, deadLetterQueueUrl);
        this.queue = new QueueAccess(sqs, queueUrl);
    }

    /**
     * The task's end state.
     *
     * @param status   COMPLETED, FAILED or CANCELLED
     * @param moved    messages moved
     * @param toMove   messages the task set out to move
     * @param failure  why it failed, or null
     * @param dlqDepth what is left in the DLQ (visible plus in flight)
     */
    public record Outcome(String status, long moved, long toMove, String failure, long dlqDepth) {}

    /** Starts the task ({@code ratePerSecond} 0: SQS's own pace) and waits for its end, reporting to {@code progress}. */
    public Outcome run(int ratePerSecond, Progress progress) {
        String source = dlq.arn();
        String destination = queue.arn();
        String handle = sqs.startMessageMoveTask(request -> {
                    request.sourceArn(source).destinationArn(destination);
                    if (ratePerSecond > 0) {
                        request.maxNumberOfMessagesPerSecond(ratePerSecond);
                    }
                })
                .taskHandle();
        while (true) {
            ListMessageMoveTasksResultEntry task =
                    sqs
                            .listMessageMoveTasks(
                                    request -> request.sourceArn(source).maxResults(10))
                            .results()
                            .stream()
                            .filter(entry ->
                                    handle == null || handle.equals(entry.taskHandle()) || entry.taskHandle() == null)
                            .findFirst()
                            .orElseThrow(() -> new OpsException(
                                    "the move task " + handle + " is not listed by ListMessageMoveTasks"));
            long moved = task.approximateNumberOfMessagesMoved() == null ? 0 : task.approximateNumberOfMessagesMoved();
            long toMove =
                    task.approximateNumberOfMessagesToMove() == null ? 0 : task.approximateNumberOfMessagesToMove();
            String status = task.status();
            if (!"RUNNING".equals(status) && !"CANCELLING".equals(status)) {
                progress.done(moved, toMove, "status=" + status);
                return new Outcome(
                        status, moved, toMove, task.failureReason(), dlq.depth().total());
            }
            progress.update(moved, toMove, "status=" + status);
            try {
                Thread.sleep(POLL.toMillis());
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                return new Outcome(
                        status,
                        moved,
                        toMove,
                        "interrupted while waiting (the task goes on)",
                        dlq.depth().total());
            }
        }
    }
}
