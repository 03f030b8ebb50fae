package dev.tally.projections;

import dev.tally.common.config.ProjectionConfig;
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
}
