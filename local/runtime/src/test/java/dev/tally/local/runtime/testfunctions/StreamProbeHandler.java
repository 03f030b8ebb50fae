package dev.tally.local.runtime.testfunctions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A test stream function. For each record it appends {@code seen|<requestId>|<pk>|<eventName>} to
 * {@code RECORD_FILE} and, for the first record of each invocation, {@code event|<record JSON>}.
 * An item whose {@code mode} is {@code poison} makes the invocation throw; {@code partialonce}
 * reports its own sequence number as a batch item failure the first time it is seen.
 */
public class StreamProbeHandler implements RequestStreamHandler {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        JsonNode event = JSON.readTree(input);
        Path record = Path.of(System.getenv("RECORD_FILE"));
        String previous = Files.exists(record) ? Files.readString(record) : "";
        boolean poisoned = false;
        String failedSequenceNumber = null;
        boolean first = true;
        for (JsonNode item : event.get("Records")) {
            if (first) {
                append(record, "event|" + item);
                first = false;
            }
            String pk = item.at("/dynamodb/Keys/pk/S").asText();
            append(
                    record,
                    "seen|" + context.getAwsRequestId() + "|" + pk + "|"
                            + item.get("eventName").asText());
            String mode = item.at("/dynamodb/NewImage/mode/S").asText("");
            poisoned |= mode.equals("poison");
            if (mode.equals("partialonce") && failedSequenceNumber == null && !previous.contains("|" + pk + "|")) {
                failedSequenceNumber = item.at("/dynamodb/SequenceNumber").asText();
            }
        }
        if (poisoned) {
            throw new IllegalStateException("poison record");
        }
        ObjectNode response = JSON.createObjectNode();
        var failures = response.putArray("batchItemFailures");
        if (failedSequenceNumber != null) {
            failures.addObject().put("itemIdentifier", failedSequenceNumber);
        }
        output.write(JSON.writeValueAsString(response).getBytes(StandardCharsets.UTF_8));
    }

    private static void append(Path file, String line) throws IOException {
        Files.writeString(
                file, line + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }
}
