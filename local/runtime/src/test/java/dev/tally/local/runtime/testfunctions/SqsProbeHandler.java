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
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A test SQS worker. It appends {@code seen|<requestId>|<body>|<receiveCount>|<epochMillis>|<firstReceiveMillis>} to the
 * file {@code RECORD_FILE} for each message it processes, and by body:
 * {@code fail…} is reported as a batch item failure; {@code failonce…} only on its first receive;
 * {@code throw} makes the invocation throw; {@code respond:<text>} makes the whole response that
 * text. On a FIFO queue, after a failure the group's later messages are skipped and reported failed
 * (written {@code skipped|…}), as the AWS docs ask of FIFO handlers.
 */
public class SqsProbeHandler implements RequestStreamHandler {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        JsonNode event = JSON.readTree(input);
        Path record = Path.of(System.getenv("RECORD_FILE"));
        List<String> failures = new ArrayList<>();
        Set<String> failedGroups = new HashSet<>();
        String rawResponse = null;
        boolean shouldThrow = false;
        for (JsonNode message : event.get("Records")) {
            String id = message.get("messageId").asText();
            String body = message.get("body").asText();
            String group = message.at("/attributes/MessageGroupId").asText(null);
            int receiveCount = message.at("/attributes/ApproximateReceiveCount").asInt();
            if (group != null && failedGroups.contains(group)) {
                failures.add(id);
                append(record, "skipped|" + context.getAwsRequestId() + "|" + body + "|" + receiveCount);
                continue;
            }
            append(
                    record,
                    "seen|" + context.getAwsRequestId() + "|" + body + "|" + receiveCount + "|"
                            + System.currentTimeMillis() + "|"
                            + message.at("/attributes/ApproximateFirstReceiveTimestamp")
                                    .asText());
            boolean failed = body.startsWith("fail") && !(body.startsWith("failonce") && receiveCount > 1);
            if (failed) {
                failures.add(id);
                if (group != null) {
                    failedGroups.add(group);
                }
            }
            if (body.startsWith("respond:")) {
                rawResponse = body.substring("respond:".length());
            }
            shouldThrow |= body.equals("throw");
        }
        if (shouldThrow) {
            throw new IllegalStateException("the probe was asked to throw");
        }
        if (rawResponse != null) {
            output.write(rawResponse.getBytes(StandardCharsets.UTF_8));
            return;
        }
        ObjectNode response = JSON.createObjectNode();
        var list = response.putArray("batchItemFailures");
        failures.forEach(id -> list.addObject().put("itemIdentifier", id));
        JSON.writeValue(output, response);
    }

    private static synchronized void append(Path file, String line) throws IOException {
        Files.writeString(
                file, line + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }
}
