package dev.tally.api.store;

import dev.tally.events.command.CommandStatus;
import dev.tally.events.command.CommandType;
import dev.tally.events.command.RejectionReason;
import java.time.Instant;
import java.util.Objects;

/**
 * One item of the commands table (key {@code userId} + {@code commandId}).
 *
 * @param userId       the user who submitted the command (the token subject)
 * @param commandId    the command id: the client's {@code Idempotency-Key} or one the API generated
 * @param type         the command type (stored by its constant name, as in the envelope)
 * @param status       {@code ACCEPTED}, {@code APPLIED} or {@code REJECTED}
 * @param debtId       the debt the command is about (for a create: the id the API generated)
 * @param requestHash  the request fingerprint that tells a replay from a key reuse
 * @param acceptedAt   when the API accepted the command
 * @param expiresAt    when DynamoDB's TTL may delete the record (stored as epoch seconds)
 * @param reason       the rejection reason once {@code REJECTED}, else {@code null}
 * @param debtVersion  the debt version the command produced once {@code APPLIED}, else {@code null}
 */
public record CommandRecord(
        String userId,
        String commandId,
        CommandType type,
        CommandStatus.Status status,
        String debtId,
        String requestHash,
        Instant acceptedAt,
        Instant expiresAt,
        RejectionReason reason,
        Long debtVersion) {

    public CommandRecord {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(commandId, "commandId");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(debtId, "debtId");
    }

    /** A freshly accepted command. */
    public static CommandRecord accepted(
            String userId,
            String commandId,
            CommandType type,
            String debtId,
            String requestHash,
            Instant acceptedAt,
            Instant expiresAt) {
        Objects.requireNonNull(requestHash, "requestHash");
        Objects.requireNonNull(acceptedAt, "acceptedAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
        return new CommandRecord(
                userId,
                commandId,
                type,
                CommandStatus.Status.ACCEPTED,
                debtId,
                requestHash,
                acceptedAt,
                expiresAt,
                null,
                null);
    }

    /** Whether the worker has not yet recorded an outcome. */
    public boolean isAccepted() {
        return status == CommandStatus.Status.ACCEPTED;
    }
}
