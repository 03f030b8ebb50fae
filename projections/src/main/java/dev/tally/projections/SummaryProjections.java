package dev.tally.projections;

import dev.tally.common.config.ProjectionConfig;
import dev.tally.common.projection.SummaryRebuilder;
import dev.tally.common.store.DynamoDbDebtSource;
import dev.tally.common.store.DynamoDbSummaryStore;
import java.time.Clock;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** Builds the projector and the rebuilder on DynamoDB from a {@link ProjectionConfig} (the handler, the ops CLI). */
public final class SummaryProjections {

    private SummaryProjections() {
    }

    /** The projector on the configured summaries table. */
    public static SummaryProjector projector(ProjectionConfig config, DynamoDbClient dynamoDb, Clock clock) {
        return new SummaryProjector(new DynamoDbSummaryStore(dynamoDb, config.summariesTable()), clock);
    }

    /** The rebuilder reading the configured debts table and writing the summaries table. */
    public static SummaryRebuilder rebuilder(ProjectionConfig config, DynamoDbClient dynamoDb, Clock clock) {
        return new SummaryRebuilder(new DynamoDbDebtSource(dynamoDb, config.debtsTable()),
                new DynamoDbSummaryStore(dynamoDb, config.summariesTable()), clock);
    }
}
