package dev.tally.api.submission;

import dev.tally.events.command.DebtCommand;
import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * A command request that passed validation, ready to be accepted.
 *
 * @param routeKey         the route it came in on, e.g. {@code POST /debts}
 * @param command          the validated command
 * @param generatedFields  the command's JSON properties the API filled in rather than the client
 *                         ({@value #DEBT_ID} of a new debt, a defaulted {@value #PAID_AT}): left out
 *                         of the request fingerprint, and taken from the first acceptance on a replay
 * @param receivedAt       when the request arrived (the acceptance time, and any defaulted time)
 * @param idempotencyKey   the client's {@code Idempotency-Key}, or {@code null}
 * @param correlationId    the client's {@code X-Correlation-Id}, else API Gateway's request id
 */
public record Submission(
        String routeKey,
        DebtCommand command,
        Set<String> generatedFields,
        Instant receivedAt,
        String idempotencyKey,
        String correlationId) {

    /** The generated id of a new debt. */
    public static final String DEBT_ID = "debtId";
    /** The payment time defaulted to the time of the request. */
    public static final String PAID_AT = "paidAt";

    public Submission {
        Objects.requireNonNull(routeKey, "routeKey");
        Objects.requireNonNull(command, "command");
        generatedFields = Set.copyOf(generatedFields);
        Objects.requireNonNull(receivedAt, "receivedAt");
        Objects.requireNonNull(correlationId, "correlationId");
    }
}
