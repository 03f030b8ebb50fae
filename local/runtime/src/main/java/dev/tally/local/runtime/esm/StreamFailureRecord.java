package dev.tally.local.runtime.esm;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import software.amazon.awssdk.services.dynamodb.model.Record;

/**
 * The record Lambda sends to an on-failure destination for a discarded stream batch
 * (https://docs.aws.amazon.com/lambda/latest/dg/services-dynamodb-errors.html, "Example on-failure
 * destination record"): the invocation's request context, the response context, and
 * {@code DDBStreamBatchInfo} locating the discarded records in the stream.
 */
final class StreamFailureRecord {

    /** Why the records were discarded. */
    enum Condition {
        RetryAttemptsExhausted,
        RecordAgeExceeded
    }

    private StreamFailureRecord() {}

    static String json(
            ObjectMapper json,
            List<Record> records,
            String shardId,
            String streamArn,
            String functionArn,
            String requestId,
            Condition condition,
            int invokeCount,
            String functionError) {
        ObjectNode root = json.createObjectNode();
        ObjectNode request = root.putObject("requestContext");
        request.put("requestId", requestId);
        request.put("functionArn", functionArn);
        request.put("condition", condition.name());
        request.put("approximateInvokeCount", invokeCount);
        ObjectNode response = root.putObject("responseContext");
        response.put("statusCode", 200);
        response.put("executedVersion", "$LATEST");
        if (functionError != null) {
            response.put("functionError", functionError);
        }
        root.put("version", "1.0");
        root.put("timestamp", Instant.now().truncatedTo(ChronoUnit.MILLIS).toString());
        ObjectNode info = root.putObject("DDBStreamBatchInfo");
        info.put("shardId", shardId);
        info.put("startSequenceNumber", records.get(0).dynamodb().sequenceNumber());
        info.put("endSequenceNumber", records.get(records.size() - 1).dynamodb().sequenceNumber());
        info.put("approximateArrivalOfFirstRecord", arrival(records.get(0)));
        info.put("approximateArrivalOfLastRecord", arrival(records.get(records.size() - 1)));
        info.put("batchSize", records.size());
        info.put("streamArn", streamArn);
        return root.toString();
    }

    private static String arrival(Record record) {
        Instant created = record.dynamodb().approximateCreationDateTime();
        return created == null ? null : created.truncatedTo(ChronoUnit.SECONDS).toString();
    }
}
