package dev.tally.commands;

import dev.tally.commands.store.BatchUnit;
import dev.tally.commands.store.BatchUnits;
import dev.tally.commands.store.DeadLetterQueue;
import dev.tally.events.command.CommandEnvelope;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Processes one SQS batch of commands and says which messages must be retried.
 *
 * <p>Per message: parse the body; a body that can never be parsed is moved to the dead-letter queue
 * and counts as done; a command is applied by the {@link CommandApplier}. Business rejections are done
 * (never retried). An infrastructure fault fails the message, and, because the queue is FIFO, every
 * later message of the same message group in the batch is failed without being processed, so a user's
 * commands keep their order. Other groups carry on. See {@code docs/adr/0061-worker-batch-failures.md}.
 *
 * <p>With {@link BatchUnits}, a batch of several commands is first applied as one unit: one read and one
 * transactional write for the whole batch; if it does not commit, nothing was written and the batch
 * goes the way above ({@code docs/adr/0117-worker-batch-in-one-transaction.md}).
 *
 * <p>Log keys and trace subsegments are the edge's: the worker names its steps to a
 * {@link WorkerObservation} and logs its own lines, nothing more ({@code docs/adr/0168-observability-at-the-edge.md}).
 */
public final class CommandWorker {

    private static final Logger LOG = LogManager.getLogger(CommandWorker.class);

    private final CommandApplier applier;
    private final DeadLetterQueue deadLetters;
    private final BatchUnits batchUnits;

    /** A worker applying commands one by one with {@code applier} and setting poison aside in {@code deadLetters}. */
    public CommandWorker(CommandApplier applier, DeadLetterQueue deadLetters) {
        this(applier, deadLetters, null);
    }

    /**
     * A worker that first tries each batch as one {@link BatchUnit} of {@code batchUnits} (one read and
     * one write for the whole batch, ADR 0117) and, when that does not commit, applies the batch one
     * command at a time with {@code applier}, as if the unit had never been tried (it wrote nothing).
     */
    public CommandWorker(CommandApplier applier, DeadLetterQueue deadLetters, BatchUnits batchUnits) {
        this.applier = Objects.requireNonNull(applier, "applier");
        this.deadLetters = Objects.requireNonNull(deadLetters, "deadLetters");
        this.batchUnits = batchUnits;
    }

    /**
     * Processes {@code messages} in order, observed by nothing.
     *
     * @return the ids of the messages to report as batch item failures (to be redelivered)
     */
    public List<String> process(List<QueuedMessage> messages) {
        return process(messages, WorkerObservation.NONE);
    }

    /**
     * Processes {@code messages} in order, each step run through {@code observation} (the handler's log
     * keys and trace subsegments).
     *
     * @return the ids of the messages to report as batch item failures (to be redelivered)
     */
    public List<String> process(List<QueuedMessage> messages, WorkerObservation observation) {
        Objects.requireNonNull(observation, "observation");
        if (batchUnits != null
                && !messages.isEmpty()
                && observation.batch(() -> processInOneUnit(messages, observation))) {
            return List.of();
        }
        return processOneByOne(messages, observation);
    }

    /**
     * Applies every command of the batch against one {@link BatchUnit} and commits it. True if the unit
     * committed (every message is done); false if the batch holds an unparseable message or the unit
     * could not be read or written: nothing was written, and the batch is processed one by one.
     */
    private boolean processInOneUnit(List<QueuedMessage> messages, WorkerObservation observation) {
        List<CommandEnvelope> commands = new ArrayList<>();
        for (QueuedMessage message : messages) {
            if (!(CommandParser.parse(message.body()) instanceof ParsedMessage.Command command)) {
                return false;
            }
            commands.add(command.envelope());
        }
        List<ApplyOutcome> outcomes = new ArrayList<>();
        try {
            BatchUnit unit = batchUnits.begin(commands);
            CommandApplier unitApplier = new CommandApplier(unit, unit);
            for (CommandEnvelope command : commands) {
                outcomes.add(unitApplier.apply(command));
            }
            unit.commit();
        } catch (RuntimeException notCommitted) {
            LOG.info(
                    "batch not written as one transaction, applying its commands one by one: messages={} cause={}",
                    messages.size(),
                    notCommitted.toString());
            return false;
        }
        for (int i = 0; i < messages.size(); i++) {
            QueuedMessage message = messages.get(i);
            ApplyOutcome outcome = outcomes.get(i);
            observation.message(message, commands.get(i), () -> {
                LOG.info("command done: outcome={} receiveCount={}", outcome, message.receiveCount());
                return true;
            });
        }
        return true;
    }

    private List<String> processOneByOne(List<QueuedMessage> messages, WorkerObservation observation) {
        Set<String> failedGroups = new HashSet<>();
        List<String> failed = new ArrayList<>();
        for (QueuedMessage message : messages) {
            String group = message.messageGroupId();
            if (group != null && failedGroups.contains(group)) {
                failed.add(message.messageId());
                LOG.info(
                        "message held back for retry: an earlier message of its group failed, messageId={}",
                        message.messageId());
                continue;
            }
            if (!observation.message(message, null, () -> processOne(message, observation))) {
                failed.add(message.messageId());
                if (group != null) {
                    failedGroups.add(group);
                }
            }
        }
        return List.copyOf(failed);
    }

    private boolean processOne(QueuedMessage message, WorkerObservation observation) {
        ParsedMessage parsed = CommandParser.parse(message.body());
        if (parsed instanceof ParsedMessage.Poison poison) {
            return moveToDeadLetters(message, poison.problem());
        }
        CommandEnvelope command = ((ParsedMessage.Command) parsed).envelope();
        return observation.command(message, command, () -> apply(message, command));
    }

    /** Applies one command: true when done (applied or rejected), false when it must be retried. */
    private boolean apply(QueuedMessage message, CommandEnvelope command) {
        try {
            ApplyOutcome outcome = applier.apply(command);
            LOG.info("command done: outcome={} receiveCount={}", outcome, message.receiveCount());
            return true;
        } catch (RuntimeException fault) {
            LOG.warn("command failed, it will be retried: receiveCount={}", message.receiveCount(), fault);
            return false;
        }
    }

    private boolean moveToDeadLetters(QueuedMessage message, Unparseable problem) {
        try {
            deadLetters.moveUnparseable(message, problem);
            LOG.warn(
                    "unparseable message moved to the dead-letter queue: reason={} detail={}",
                    problem.reason(),
                    problem.detail());
            return true;
        } catch (RuntimeException fault) {
            LOG.error(
                    "unparseable message could not be moved to the dead-letter queue, it will be retried: reason={}",
                    problem.reason(),
                    fault);
            return false;
        }
    }
}
