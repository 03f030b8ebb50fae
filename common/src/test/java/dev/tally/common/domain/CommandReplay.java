package dev.tally.common.domain;

import dev.tally.events.command.CommandEnvelope;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An in-memory model of the worker and the projection for tests: decides each command against the
 * current debt, keeps the debts, and folds {@code contribution(new) − contribution(old)} into one
 * summary, as the projection does. Shared through {@code tally-common}'s test-jar.
 */
public final class CommandReplay {

    /**
     * One command's passage.
     *
     * @param command  the command
     * @param before   the debt before it (null if none)
     * @param decision what the decider said
     * @param after    the debt after it (the same as before unless applied)
     */
    public record Step(CommandEnvelope command, Debt before, Decision decision, Debt after) {}

    private final Map<String, Debt> debts = new HashMap<>();
    private final List<Step> steps = new ArrayList<>();
    private Summary summary = Summary.EMPTY;

    /** A replay of {@code commands}, in order. */
    public static CommandReplay of(List<CommandEnvelope> commands) {
        CommandReplay replay = new CommandReplay();
        commands.forEach(replay::apply);
        return replay;
    }

    /** Decides and applies one command; returns what happened. */
    public Step apply(CommandEnvelope command) {
        String key = command.userId() + "/" + command.debtId();
        Debt before = debts.get(key);
        Decision decision = DebtDecider.decide(before, command);
        Debt after = decision instanceof Decision.Applied applied ? applied.debt() : before;
        if (after != before) {
            debts.put(key, after);
            summary = summary.plus(Summary.delta(before, after));
        }
        Step step = new Step(command, before, decision, after);
        steps.add(step);
        return step;
    }

    /** The debts now, keyed by {@code userId/debtId}. */
    public Map<String, Debt> debts() {
        return Map.copyOf(debts);
    }

    /** The summary folded from the deltas of every applied command. */
    public Summary foldedSummary() {
        return summary;
    }

    /** Every step so far. */
    public List<Step> steps() {
        return List.copyOf(steps);
    }
}
