package dev.tally.events.command;

import dev.tally.events.FieldProblem;
import dev.tally.events.TextRules;
import java.util.List;

/**
 * The outcome of a command, as {@code GET /commands/{commandId}} shows it:
 * {@code ACCEPTED} (queued) → {@code APPLIED} (with the debt version it produced) or
 * {@code REJECTED} (with a reason).
 *
 * @param commandId   the command
 * @param type        its kind
 * @param status      where it is
 * @param reason      why it was rejected; present exactly when {@code REJECTED}
 * @param debtId      the debt it acts on
 * @param debtVersion the debt version it produced; present exactly when {@code APPLIED}
 */
public record CommandStatus(
        String commandId, CommandType type, Status status, RejectionReason reason, String debtId, Long debtVersion) {

    /** Where a command is in its life. */
    public enum Status {
        /** Queued, not yet decided. */
        ACCEPTED,
        /** Applied: the debt is at {@code debtVersion} (or later). */
        APPLIED,
        /** Rejected for {@code reason}; never retried. */
        REJECTED
    }

    public CommandStatus {
        List<FieldProblem> problems = TextRules.problems();
        TextRules.requiredId(problems, "commandId", commandId);
        TextRules.required(problems, "type", type);
        TextRules.required(problems, "status", status);
        TextRules.requiredId(problems, "debtId", debtId);
        if ((status == Status.REJECTED) != (reason != null)) {
            problems.add(new FieldProblem("reason", "is required when, and only when, the status is REJECTED"));
        }
        if ((status == Status.APPLIED) != (debtVersion != null)) {
            problems.add(new FieldProblem("debtVersion", "is required when, and only when, the status is APPLIED"));
        }
        if (debtVersion != null && debtVersion < 1) {
            problems.add(new FieldProblem("debtVersion", "must be at least 1"));
        }
        TextRules.check(problems);
    }

    /** A queued command. */
    public static CommandStatus accepted(String commandId, CommandType type, String debtId) {
        return new CommandStatus(commandId, type, Status.ACCEPTED, null, debtId, null);
    }

    /** An applied command and the debt version it produced. */
    public static CommandStatus applied(String commandId, CommandType type, String debtId, long debtVersion) {
        return new CommandStatus(commandId, type, Status.APPLIED, null, debtId, debtVersion);
    }

    /** A rejected command. */
    public static CommandStatus rejected(String commandId, CommandType type, String debtId, RejectionReason reason) {
        return new CommandStatus(commandId, type, Status.REJECTED, reason, debtId, null);
    }
}
