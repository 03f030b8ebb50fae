package dev.tally.api.submission;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tally.events.command.DebtCommand;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The fingerprint of a submitted command that decides whether a repeated {@code Idempotency-Key}
 * is a replay (same fingerprint) or a reuse for a different request (HTTP 422).
 *
 * <p>It is the hex SHA-256 of the route key and the canonical JSON of the <em>validated</em> command
 * (object keys sorted at every level, no whitespace), the path {@code debtId} included. Hashing the
 * validated request rather than the raw body means formatting, key order and equivalent spellings
 * ({@code "12.3"} and {@code "12.30"} EUR) are the same request. What the API generates (the command
 * id, a new debt's id, a payment time defaulted to now) is never part of it, or a replay could never
 * match.
 */
public final class RequestHash {

    private final ObjectMapper mapper;

    /** A hasher writing requests with this mapper (the project's one {@code ObjectMapper}). */
    public RequestHash(ObjectMapper mapper) {
        this.mapper = Objects.requireNonNull(mapper, "mapper");
    }

    /**
     * The fingerprint of one request.
     *
     * @param routeKey         the API Gateway route key, e.g. {@code "POST /debts/{debtId}/payments"}
     * @param command          the validated command (its path {@code debtId} included)
     * @param generatedFields  top-level properties of the command the API generated (left out)
     */
    public String of(String routeKey, DebtCommand command, Set<String> generatedFields) {
        ObjectNode tree = mapper.valueToTree(command);
        tree.remove(generatedFields);
        return of(routeKey, tree);
    }

    /** The fingerprint of a route and a JSON value (the canonical form of {@code value} is hashed). */
    String of(String routeKey, Object value) {
        String input = routeKey + '\n' + canonicalJson(value);
        return HexFormat.of().formatHex(sha256().digest(input.getBytes(StandardCharsets.UTF_8)));
    }

    /** The canonical JSON of a value: keys sorted at every depth, nulls as the mapper writes them. */
    String canonicalJson(Object value) {
        JsonNode tree = mapper.valueToTree(value);
        try {
            return mapper.writeValueAsString(sorted(tree));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree could not be written back", e);
        }
    }

    private JsonNode sorted(JsonNode node) {
        if (node.isObject()) {
            List<String> names = new ArrayList<>();
            node.fieldNames().forEachRemaining(names::add);
            names.sort(null);
            ObjectNode copy = mapper.createObjectNode();
            for (String name : names) {
                copy.set(name, sorted(node.get(name)));
            }
            return copy;
        }
        if (node.isArray()) {
            ArrayNode copy = mapper.createArrayNode();
            node.forEach(element -> copy.add(sorted(element)));
            return copy;
        }
        return node;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
