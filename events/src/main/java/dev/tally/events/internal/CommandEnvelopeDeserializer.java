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
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reads a {@link CommandEnvelope}: checks what only the JSON can tell (a part of the wrong JSON type,
 * an unknown {@code type} name, an unreadable instant, a missing or non-integral
 * {@code schemaVersion}), reads the payload as the record {@code type} names when the schema version
 * is one this code understands, and leaves every other rule to the envelope's constructor, which holds
 * them once (ADR 0167). Every problem is reported once (as an {@link InvalidValueException}), with
 * paths from the envelope's root. Not part of the API.
 */
public final class CommandEnvelopeDeserializer extends JsonDeserializer<CommandEnvelope> {

    @Override
    public CommandEnvelope deserialize(JsonParser parser, DeserializationContext ctxt) throws IOException {
        JsonNode tree = ctxt.readTree(parser);
        if (!(tree instanceof ObjectNode root)) {
            throw new InvalidValueException(FieldProblem.BODY, "must be a JSON object");
        }
        List<FieldProblem> problems = new ArrayList<>();
        Set<String> judged = new HashSet<>();
        String commandId = text(root, "commandId", problems);
        String userId = text(root, "userId", problems);
        String correlationId = text(root, "correlationId", problems);
        CommandType type = type(root, problems);
        int version = version(root, problems);
        Instant issuedAt = instant(root, problems);
        DebtCommand payload = null;
        JsonNode payloadNode = root.get("payload");
        if (payloadNode != null && !payloadNode.isNull()) {
            judged.add("payload"); // present: read below, or not readable without a known type and version
            if (!payloadNode.isObject()) {
                problems.add(new FieldProblem("payload", "must be a JSON object"));
            } else if (type != null && CommandEnvelope.SUPPORTED_SCHEMA_VERSIONS.contains(version)) {
                try {
                    payload = ctxt.readTreeAsValue(payloadNode, type.payloadType());
                } catch (JsonProcessingException failure) {
                    JsonProblems.of(failure).forEach(p -> problems.add(p.under("payload")));
                } catch (InvalidValueException refused) {
                    refused.problems().forEach(p -> problems.add(p.under("payload")));
                }
            }
        }
        problems.forEach(problem -> judged.add(root(problem.field())));
        try {
            CommandEnvelope envelope =
                    new CommandEnvelope(commandId, type, version, userId, issuedAt, correlationId, payload);
            if (problems.isEmpty()) {
                return envelope;
            }
        } catch (InvalidValueException refused) {
            refused.problems().stream()
                    .filter(problem -> !judged.contains(root(problem.field())))
                    .forEach(problems::add);
        }
        throw new InvalidValueException(problems);
    }

    /** The envelope part a problem's path starts in ({@code payload} for {@code payload.amount}). */
    private static String root(String field) {
        int end = 0;
        while (end < field.length() && field.charAt(end) != '.' && field.charAt(end) != '[') {
            end++;
        }
        return field.substring(0, end);
    }

    /** A string part; absent or null is null (the constructor says whether it is required). */
    private static String text(ObjectNode root, String field, List<FieldProblem> problems) {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) {
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

    /** The schema version; a number cannot be absent in the record, so absence is a problem here. */
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
        return node.intValue();
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
