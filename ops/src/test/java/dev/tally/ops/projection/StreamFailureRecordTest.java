package dev.tally.ops.projection;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Reading Lambda's on-failure record for a DynamoDB stream batch. */
class StreamFailureRecordTest {

    @Test
    void parse_whenTheDocumentedShape_readsTheRangeAndTheExpiry() {
        String body = "{\"requestContext\":{\"condition\":\"RetryAttemptsExhausted\"},\"version\":\"1.0\","
                + "\"DDBStreamBatchInfo\":{\"shardId\":\"shardId-00000001573689847184-864758bb\","
                + "\"startSequenceNumber\":\"800000000003126276362\",\"endSequenceNumber\":\"800000000003126276363\","
                + "\"approximateArrivalOfFirstRecord\":\"2019-11-14T00:13:19Z\",\"approximateArrivalOfLastRecord\":\"2019-11-14T00:13:19Z\","
                + "\"batchSize\":2,\"streamArn\":\"arn:aws:dynamodb:us-east-2:123456789012:table/debts/stream/2019-11-14T00:04:06.388\"}}";

        StreamFailureRecord record = StreamFailureRecord.parse(body).orElseThrow();

        assertThat(record.firstSequence()).isEqualTo(new BigInteger("800000000003126276362"));
        assertThat(record.lastSequence()).isEqualTo(new BigInteger("800000000003126276363"));
        assertThat(record.batchSize()).isEqualTo(2);
        assertThat(record.expiresAt()).isEqualTo(Instant.parse("2019-11-15T00:13:19Z"));
    }

    @Test
    void parse_whenNotAStreamRecord_isEmpty() {
        assertThat(StreamFailureRecord.parse("not json")).isEmpty();
        assertThat(StreamFailureRecord.parse("{\"SQSBatchInfo\":{}}")).isEmpty();
        assertThat(StreamFailureRecord.parse("{\"DDBStreamBatchInfo\":{\"shardId\":\"s\",\"streamArn\":\"a\","
                        + "\"startSequenceNumber\":\"x\",\"endSequenceNumber\":\"1\"}}"))
                .isEmpty();
    }
}
