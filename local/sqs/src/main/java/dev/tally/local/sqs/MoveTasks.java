package dev.tally.local.sqs;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * {@code StartMessageMoveTask}, {@code ListMessageMoveTasks} and {@code CancelMessageMoveTask}: a
 * task moves the messages of a dead-letter queue, oldest first, to a destination queue (or back to
 * the queue each came from), keeping body, attributes and message group, bypassing deduplication,
 * on a thread of its own, at most {@code MaxNumberOfMessagesPerSecond} a second when given.
 */
final class MoveTasks implements AutoCloseable {

    /** One task's state; read under the broker's lock. */
    static final class Task {
        final String handle;
        final String sourceArn;
        final String destinationArn;
        final Integer ratePerSecond;
        final long startedMillis;
        final long toMove;
        volatile String status = "RUNNING";
        volatile long moved;
        volatile String failureReason;

        Task(
                String handle,
                String sourceArn,
                String destinationArn,
                Integer ratePerSecond,
                long startedMillis,
                long toMove) {
            this.handle = handle;
            this.sourceArn = sourceArn;
            this.destinationArn = destinationArn;
            this.ratePerSecond = ratePerSecond;
            this.startedMillis = startedMillis;
            this.toMove = toMove;
        }
    }

    private final Broker broker;
    private final Map<String, List<Task>> bySource = new ConcurrentHashMap<>();
    private volatile boolean closed;

    MoveTasks(Broker broker) {
        this.broker = broker;
    }

    String start(String sourceArn, String destinationArn, Integer ratePerSecond) {
        if (sourceArn == null) {
            throw SqsError.missingParameter("SourceArn");
        }
        if (ratePerSecond != null && (ratePerSecond < 1 || ratePerSecond > 500)) {
            throw SqsError.invalidParameter(
                    "MaxNumberOfMessagesPerSecond", ratePerSecond.toString(), "Must be between 1 and 500");
        }
        Task task;
        broker.lock().lock();
        try {
            Queue source = broker.queueByArnOrNull(sourceArn);
            if (source == null) {
                throw SqsError.sender(
                        "ResourceNotFoundException",
                        "ResourceNotFoundException",
                        "The resource that you specified for" + " the SourceArn parameter doesn't exist.");
            }
            boolean isDeadLetterQueue = broker.queues().values().stream()
                    .anyMatch(queue -> queue.redrivePolicy != null
                            && queue.redrivePolicy.deadLetterTargetArn().equals(sourceArn));
            if (!isDeadLetterQueue) {
                throw SqsError.invalidParameter("Source queue must be configured as a Dead Letter Queue.");
            }
            if (destinationArn != null && broker.queueByArnOrNull(destinationArn) == null) {
                throw SqsError.sender(
                        "ResourceNotFoundException",
                        "ResourceNotFoundException",
                        "The resource that you specified for" + " the DestinationArn parameter doesn't exist.");
            }
            List<Task> tasks = bySource.computeIfAbsent(sourceArn, arn -> new ArrayList<>());
            if (tasks.stream().anyMatch(existing -> existing.status.equals("RUNNING"))) {
                throw SqsError.invalidParameter("There is already a task running. Only one active task is allowed"
                        + " for a source queue arn at a given time.");
            }
            task = new Task(
                    Broker.newId(),
                    sourceArn,
                    destinationArn,
                    ratePerSecond,
                    broker.clock().millis(),
                    source.messages.size());
            tasks.add(0, task);
        } finally {
            broker.lock().unlock();
        }
        Thread thread = new Thread(() -> run(task), "local-sqs-move-task");
        thread.setDaemon(true);
        thread.start();
        return task.handle;
    }

    private void run(Task task) {
        long pauseMillis = task.ratePerSecond == null ? 0 : Math.max(1, 1000 / task.ratePerSecond);
        while (!closed && task.status.equals("RUNNING")) {
            boolean movedOne;
            broker.lock().lock();
            try {
                movedOne = moveOne(task);
            } catch (RuntimeException e) {
                task.failureReason = "InternalError";
                task.status = "FAILED";
                return;
            } finally {
                broker.lock().unlock();
            }
            if (!movedOne || task.moved >= task.toMove) {
                broker.lock().lock();
                try {
                    task.status = switch (task.status) {
                        case "RUNNING" -> "COMPLETED";
                        case "CANCELLING" -> "CANCELLED";
                        default -> task.status;
                    };
                } finally {
                    broker.lock().unlock();
                }
                return;
            }
            if (pauseMillis > 0) {
                try {
                    TimeUnit.MILLISECONDS.sleep(pauseMillis);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
        if (task.status.equals("CANCELLING")) {
            task.status = "CANCELLED";
        }
    }

    /** Moves the oldest visible message of the source; false when there is none. Caller holds the lock. */
    private boolean moveOne(Task task) {
        Queue source = broker.queueByArnOrNull(task.sourceArn);
        if (source == null) {
            task.failureReason = "AWS.SimpleQueueService.NonExistentQueue";
            task.status = "FAILED";
            return false;
        }
        long now = broker.clock().millis();
        for (Iterator<QueuedMessage> it = source.messages.values().iterator(); it.hasNext(); ) {
            QueuedMessage message = it.next();
            if (!message.visible(now)) {
                continue;
            }
            String destinationArn = task.destinationArn != null ? task.destinationArn : message.deadLetterSourceArn;
            Queue destination = broker.queueByArnOrNull(destinationArn);
            if (destination == null) {
                task.failureReason = "AWS.SimpleQueueService.NonExistentQueue";
                task.status = "FAILED";
                return false;
            }
            it.remove();
            broker.journalDeleted(source, message);
            broker.enqueueCopy(destination, message, null);
            task.moved++;
            return true;
        }
        return false;
    }

    /** The tasks of a source, newest first, at most {@code max}. */
    List<Task> list(String sourceArn, Integer max) {
        if (sourceArn == null) {
            throw SqsError.missingParameter("SourceArn");
        }
        int limit = max == null ? 1 : max;
        if (limit < 1 || limit > 10) {
            throw SqsError.invalidParameter("MaxResults", Integer.toString(limit), "Must be between 1 and 10");
        }
        broker.lock().lock();
        try {
            if (broker.queueByArnOrNull(sourceArn) == null) {
                throw SqsError.sender(
                        "ResourceNotFoundException",
                        "ResourceNotFoundException",
                        "The resource that you specified for" + " the SourceArn parameter doesn't exist.");
            }
            List<Task> tasks = bySource.getOrDefault(sourceArn, List.of());
            return new ArrayList<>(tasks.subList(0, Math.min(limit, tasks.size())));
        } finally {
            broker.lock().unlock();
        }
    }

    /** Asks a running task to stop; returns how many it moved so far. */
    long cancel(String handle) {
        if (handle == null) {
            throw SqsError.missingParameter("TaskHandle");
        }
        broker.lock().lock();
        try {
            for (List<Task> tasks : bySource.values()) {
                for (Task task : tasks) {
                    if (task.handle.equals(handle) && task.status.equals("RUNNING")) {
                        task.status = "CANCELLING";
                        return task.moved;
                    }
                }
            }
        } finally {
            broker.lock().unlock();
        }
        throw SqsError.sender(
                "ResourceNotFoundException",
                "ResourceNotFoundException",
                "The task handle is not valid or the task is not running.");
    }

    @Override
    public void close() {
        closed = true;
    }
}
