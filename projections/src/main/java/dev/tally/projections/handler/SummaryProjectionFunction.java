package dev.tally.projections.handler;

import dev.tally.common.aws.AwsClients;
import dev.tally.common.config.ProjectionConfig;
import dev.tally.common.observability.InitTrace;
import dev.tally.common.snapstart.Priming;
import dev.tally.common.store.DynamoDbSummaryStore;
import dev.tally.projections.BatchSummaryProjection;
import dev.tally.projections.SummaryProjections;
import java.time.Clock;
import java.util.List;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * What {@code SummaryProjectionFunction} builds once per container, at class initialisation (so before
 * a SnapStart snapshot), from the process environment, each step timed as an init subsegment, the
 * batch projection assembled by {@link SummaryProjections#batchProjection} (the module's wiring, ADR 0106); then its
 * priming is registered. Only the public constructor of {@link SummaryProjectionHandler} touches this
 * class, so tests never need the environment.
 */
final class SummaryProjectionFunction {

    static final ProjectionConfig CONFIG = InitTrace.step("config", ProjectionConfig::fromEnvironment);
    static final AwsClients AWS = AwsClients.fromEnvironment();
    static final DynamoDbClient DYNAMODB = InitTrace.step("DynamoDbClient", AWS::dynamoDb);
    static final BatchSummaryProjection PROJECTION =
            SummaryProjections.batchProjection(CONFIG, DYNAMODB, Clock.systemUTC());
    static final Priming PRIMING =
            Priming.register("SummaryProjectionFunction", SummaryProjectionFunction::prime, () -> {});

    private SummaryProjectionFunction() {}

    /** Writes nothing: the summary of a user that cannot exist read, and an empty batch projected. */
    private static void prime() {
        new DynamoDbSummaryStore(DYNAMODB, CONFIG.summariesTable()).find("priming-user-that-cannot-exist");
        PROJECTION.project(List.of());
    }
}
