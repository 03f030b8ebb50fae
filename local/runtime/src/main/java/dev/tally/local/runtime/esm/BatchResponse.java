package dev.tally.local.runtime.esm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * How Lambda reads a function's partial batch response ({@code ReportBatchItemFailures}), for SQS
 * and for streams alike.
 *
 * <p>Success and failure conditions, from
 * https://docs.aws.amazon.com/lambda/latest/dg/services-sqs-errorhandling.html#services-sqs-batchfailurereporting
 * and https://docs.aws.amazon.com/lambda/latest/dg/services-ddb-batchfailurereporting.html:
 * a complete success is an empty or null {@code batchItemFailures} list, or an empty or null
 * response; a complete failure is an invalid JSON response, an empty-string or null
 * {@code itemIdentifier}, an {@code itemIdentifier} under a bad key name, or an identifier that is
 * not in the batch.
 */
public sealed interface BatchResponse {

    /** Every item succeeded. */
    record AllSucceeded() implements BatchResponse {}

    /** The batch failed as a whole; {@code reason} says why (for the log). */
    record AllFailed(String reason) implements BatchResponse {}

    /** Only these items (message ids or sequence numbers) failed. */
    record ItemsFailed(Set<String> itemIdentifiers) implements BatchResponse {
        public ItemsFailed {
            itemIdentifiers = Set.copyOf(itemIdentifiers);
        }
    }

    /** Reads a successful function response against the identifiers of the batch it was given. */
    static BatchResponse interpret(byte[] payload, Set<String> batchIdentifiers, ObjectMapper json) {
        JsonNode response;
        try {
            response = payload.length == 0 ? null : json.readTree(payload);
        } catch (IOException e) {
            return new AllFailed("the response is not valid JSON");
        }
        if (response == null || response.isNull() || response.isMissingNode()) {
            return new AllSucceeded();
        }
        if (!response.isObject()) {
            return new AllFailed("the response is not a JSON object");
        }
        JsonNode failures = response.get("batchItemFailures");
        if (failures == null || failures.isNull()) {
            return new AllSucceeded();
        }
        if (!failures.isArray()) {
            return new AllFailed("batchItemFailures is not a list");
        }
        if (failures.isEmpty()) {
            return new AllSucceeded();
        }
        Set<String> failed = new LinkedHashSet<>();
        for (JsonNode failure : failures) {
            JsonNode identifier = failure.isObject() ? failure.get("itemIdentifier") : null;
            if (identifier == null) {
                return new AllFailed("a batch item failure has no itemIdentifier key");
            }
            if (identifier.isNull()
                    || !identifier.isTextual()
                    || identifier.asText().isEmpty()) {
                return new AllFailed("a batch item failure has a null or empty itemIdentifier");
            }
            if (!batchIdentifiers.contains(identifier.asText())) {
                return new AllFailed("itemIdentifier " + identifier.asText() + " is not in the batch");
            }
            failed.add(identifier.asText());
        }
        return new ItemsFailed(failed);
    }
}
