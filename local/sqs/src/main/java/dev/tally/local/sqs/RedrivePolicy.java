package dev.tally.local.sqs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;

/** A queue's {@code RedrivePolicy}: where a message goes after {@code maxReceiveCount} receives. */
record RedrivePolicy(String deadLetterTargetArn, int maxReceiveCount) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Parses a policy as a caller gives it, or answers InvalidParameterValue. */
    static RedrivePolicy parse(String text) {
        JsonNode node;
        try {
            node = JSON.readTree(text);
        } catch (IOException e) {
            throw invalid(text, "Redrive policy is not a valid JSON map.");
        }
        if (node == null || !node.isObject()) {
            throw invalid(text, "Redrive policy is not a valid JSON map.");
        }
        JsonNode target = node.get("deadLetterTargetArn");
        JsonNode count = node.get("maxReceiveCount");
        if (target == null || !target.isTextual() || count == null) {
            throw invalid(
                    text,
                    "Redrive policy does not contain mandatory attribute: "
                            + (target == null ? "deadLetterTargetArn" : "maxReceiveCount") + ".");
        }
        int max;
        try {
            max = count.isNumber()
                    ? count.intValue()
                    : Integer.parseInt(count.asText().trim());
        } catch (NumberFormatException e) {
            throw invalid(
                    text,
                    "Invalid value for maxReceiveCount: " + count.asText()
                            + ", valid values are from 1 to 1000 both inclusive.");
        }
        if (max < 1 || max > 1000) {
            throw invalid(
                    text,
                    "Invalid value for maxReceiveCount: " + max + ", valid values are from 1 to 1000 both inclusive.");
        }
        return new RedrivePolicy(target.asText(), max);
    }

    /** A policy stored in normalised form, or null. */
    static RedrivePolicy parseStored(String text) {
        return text == null || text.isEmpty() ? null : parse(text);
    }

    /** The normalised text SQS reports: {@code {"deadLetterTargetArn":"...","maxReceiveCount":N}}. */
    String text() {
        return JSON.createObjectNode()
                .put("deadLetterTargetArn", deadLetterTargetArn)
                .put("maxReceiveCount", maxReceiveCount)
                .toString();
    }

    private static SqsError invalid(String text, String reason) {
        return SqsError.invalidParameter(
                "Value " + text + " for parameter RedrivePolicy is invalid. Reason: " + reason);
    }
}
