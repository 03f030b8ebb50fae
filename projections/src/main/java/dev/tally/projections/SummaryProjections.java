package dev.tally.projections;

import dev.tally.common.config.ProjectionConfig;
import dev.tally.common.store.DynamoDbSummaryBatchUnits;
import dev.tally.common.store.DynamoDbSummaryStore;
import java.time.Clock;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** Builds the projector on DynamoDB from a {@link ProjectionConfig} (the handler's wiring). */
public final class SummaryProjections {

    private SummaryProjections() {}

    /** The projector on the configured summaries table. */
    public static SummaryProjector projector(ProjectionConfig config, DynamoDbClient dynamoDb, Clock clock) {
        return new SummaryProjector(new DynamoDbSummaryStore(dynamoDb, config.summariesTable()), clock);
    }

    /** The projection of whole batches in one transaction each, with {@link #projector} behind it (ADR 0118). */
    public static BatchSummaryProjection batchProjection(
            ProjectionConfig config, DynamoDbClient dynamoDb, Clock clock) {
        DynamoDbSummaryStore store = new DynamoDbSummaryStore(dynamoDb, config.summariesTable());
        return new BatchSummaryProjection(
                new DynamoDbSummaryBatchUnits(dynamoDb, store), new SummaryProjector(store, clock), clock);
    }
}
