package dev.tally.events.internal;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tally.events.FieldProblem;
import dev.tally.events.InvalidValueException;
import dev.tally.events.command.CommandEnvelope;
import dev.tally.events.command.CommandType;
import dev.tally.events.command.DebtCommand;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Reads a {@link CommandEnvelope}: checks {@code type} and {@code schemaVersion} first, then reads
 * the payload as the record {@code type} names. Every problem found is reported (as an
 * {@link InvalidValueException}), with paths from the envelope's root. Not part of the API.
 */
public final class CommandEnvelopeDeserializer extends JsonDeserializer<CommandEnvelope> {

    @Override
    public CommandEnvelope deserialize(JsonParser parser, DeserializationContext ctxt) throws IOException {
        JsonNode tree = ctxt.readTree(parser);
        if (!(tree instanceof ObjectNode root)) {
            throw new InvalidValueException(FieldProblem.BODY, "must be a JSON object");
        }
        List<FieldProblem> problems = new ArrayList<>();
        String commandId = text(root, "commandId", problems);
        String userId = text(root, "userId", problems);
        String correlationId = root.hasNonNull("correlationId") ? text(root, "correlationId", problems) : null;
        CommandType type = type(root, problems);
        int version = version(root, problems);
        Instant issuedAt = instant(root, problems);
        DebtCommand payload = null;
        JsonNode payloadNode = root.get("payload");
        if (payloadNode == null || payloadNode.isNull()) {
            problems.add(new FieldProblem("payload", "is required"));
        } else if (!payloadNode.isObject()) {
            problems.add(new FieldProblem("payload", "must be a JSON object"));
        } else if (type != null && version > 0) {
            try {
                payload = ctxt.readTreeAsValue(payloadNode, type.payloadType());
            } catch (JsonProcessingException failure) {
                JsonProblems.of(failure).forEach(p -> problems.add(p.under("payload")));
            } catch (InvalidValueException refused) {
                refused.problems().forEach(p -> problems.add(p.under("payload")));
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidValueException(problems);
        }
        return new CommandEnvelope(commandId, type, version, userId, issuedAt, correlationId, payload);
    }

    private static String text(ObjectNode root, String field, List<FieldProblem> problems) {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) {
            problems.add(new FieldProblem(field, "is required"));
            return null;
        }
        if (!node.isTextual()) {
            problems.add(new FieldProblem(field, "must be a JSON string"));
            return null;
        }
        return node.textValue();
    }

    private static CommandType type(ObjectNode root, List<FieldProblem> problems) {
        String name = text(root, "type", problems);
        if (name == null) {
            return null;
        }
        try {
            return CommandType.valueOf(name);
        } catch (IllegalArgumentException unknown) {
            problems.add(new FieldProblem(
                    "type",
                    "is not a known command type (known: "
                            + Arrays.stream(CommandType.values())
                                    .map(Enum::name)
                                    .collect(Collectors.joining(", ")) + ")",
                    FieldProblem.Code.UNKNOWN_COMMAND_TYPE));
            return null;
        }
    }

    private static int version(ObjectNode root, List<FieldProblem> problems) {
        JsonNode node = root.get("schemaVersion");
        if (node == null || node.isNull()) {
            problems.add(new FieldProblem("schemaVersion", "is required"));
            return 0;
        }
        if (!node.isIntegralNumber() || !node.canConvertToInt()) {
            problems.add(new FieldProblem("schemaVersion", "must be a whole JSON number"));
            return 0;
        }
        int version = node.intValue();
        if (!CommandEnvelope.SUPPORTED_SCHEMA_VERSIONS.contains(version)) {
            problems.add(new FieldProblem("schemaVersion", CommandEnvelope.unsupportedVersion(version)));
            return 0;
        }
        return version;
    }

    private static Instant instant(ObjectNode root, List<FieldProblem> problems) {
        String text = text(root, "issuedAt", problems);
        if (text == null) {
            return null;
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException bad) {
            problems.add(new FieldProblem("issuedAt", "must be an ISO-8601 instant like \"2026-11-27T10:15:30Z\""));
            return null;
        }
    }
}
