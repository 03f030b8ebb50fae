package dev.tally.events.command;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import dev.tally.events.FieldProblem;
import dev.tally.events.InvalidValueException;
import dev.tally.events.JsonBodies;
import dev.tally.events.TallyJson;
import dev.tally.events.TextRules;
import dev.tally.events.Validated;
import dev.tally.events.internal.CommandEnvelopeDeserializer;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * A command on its way from the API to the worker: the SQS message body.
 *
 * <p>On the wire the envelope's {@code type} names the payload's record ({@code "CREATE_DEBT"} →
 * {@link CreateDebt}). Readers accept every schema version in {@link #SUPPORTED_SCHEMA_VERSIONS}
 * and ignore unknown properties, so a newer writer can add fields; see
 * {@code docs/adr/0011-json-strictness.md}.
 *
 * @param commandId     the idempotency key (client's {@code Idempotency-Key} or generated)
 * @param type          the payload's kind; must match {@code payload.type()}
 * @param schemaVersion the envelope schema version ({@link #SCHEMA_VERSION} when written)
 * @param userId        the owner (the token's subject, never from the body)
 * @param issuedAt      when the API accepted the command
 * @param correlationId optional correlation/trace id carried into logs
 * @param payload       the command
 */
@JsonDeserialize(using = CommandEnvelopeDeserializer.class)
@JsonPropertyOrder({"commandId", "type", "schemaVersion", "userId", "issuedAt", "correlationId", "payload"})
public record CommandEnvelope(
        String commandId,
        CommandType type,
        int schemaVersion,
        String userId,
        Instant issuedAt,
        String correlationId,
        DebtCommand payload) {

    /** The schema version this code writes. */
    public static final int SCHEMA_VERSION = 1;
    /** The schema versions this code reads. */
    public static final Set<Integer> SUPPORTED_SCHEMA_VERSIONS = Set.of(1);
    /** The longest correlation id carried. */
    public static final int CORRELATION_ID_MAX = 256;

    /**
     * The envelope's rules, the one copy of them (ADR 0167): ids, required parts, a supported schema
     * version, the type matching the payload, the correlation id's length. The payload of a schema
     * version this code does not understand is not judged (a reader does not read it).
     *
     * @throws InvalidValueException naming every broken rule
     */
    public CommandEnvelope {
        List<FieldProblem> problems = TextRules.problems();
        TextRules.requiredId(problems, "commandId", commandId);
        TextRules.required(problems, "type", type);
        TextRules.requiredId(problems, "userId", userId);
        TextRules.required(problems, "issuedAt", issuedAt);
        if (!SUPPORTED_SCHEMA_VERSIONS.contains(schemaVersion)) {
            problems.add(new FieldProblem("schemaVersion", unsupportedVersion(schemaVersion)));
        } else {
            TextRules.required(problems, "payload", payload);
            if (type != null && payload != null && payload.type() != type) {
                problems.add(new FieldProblem("type", "is " + type + " but the payload is " + payload.type()));
            }
        }
        if (correlationId != null && correlationId.length() > CORRELATION_ID_MAX) {
            problems.add(new FieldProblem("correlationId", "must be at most " + CORRELATION_ID_MAX + " characters"));
        }
        TextRules.check(problems);
    }

    /** A version-{@value #SCHEMA_VERSION} envelope for {@code payload}, its type taken from the payload. */
    public static CommandEnvelope of(
            String commandId, String userId, Instant issuedAt, String correlationId, DebtCommand payload) {
        return new CommandEnvelope(commandId, payload.type(), SCHEMA_VERSION, userId, issuedAt, correlationId, payload);
    }

    /** The debt the command acts on. */
    public String debtId() {
        return payload.debtId();
    }

    /** This envelope as JSON (the SQS message body). */
    public String toJson() {
        return TallyJson.write(this);
    }

    /** Reads an envelope; unknown properties are ignored, anything else wrong is a field problem. */
    public static Validated<CommandEnvelope> parse(String json) {
        return JsonBodies.parseLenient(json, CommandEnvelope.class);
    }

    /** The problem text for an unsupported schema version. */
    public static String unsupportedVersion(int version) {
        return "unsupported schema version " + version + " (this reader understands " + SUPPORTED_SCHEMA_VERSIONS + ")";
    }
}
