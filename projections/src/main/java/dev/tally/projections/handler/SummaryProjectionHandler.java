package dev.tally.projections.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import dev.tally.common.aws.AwsClients;
import dev.tally.common.config.ProjectionConfig;
import dev.tally.common.observability.InitTrace;
import dev.tally.common.observability.TraceAnnotations;
import dev.tally.common.snapstart.Priming;
import dev.tally.common.store.DynamoDbSummaryStore;
import dev.tally.projections.BatchSummaryProjection;
import dev.tally.projections.ChangeRecord;
import dev.tally.projections.ProjectionOutcome;
import dev.tally.projections.SummaryProjections;
import dev.tally.projections.SummaryProjector;
import java.time.Clock;
import java.util.List;
import java.util.function.Function;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.lambda.powertools.logging.Logging;
import software.amazon.lambda.powertools.tracing.Tracing;

/**
 * {@code SummaryProjectionFunction}: projects a batch of the {@code debts} stream onto the per-user
 * summaries and names the first record not applied ({@code ReportBatchItemFailures}), so bisect and
 * retries resume there. Thin: converts the records at the edge, calls the {@link SummaryProjector}.
 */
public final class SummaryProjectionHandler implements RequestHandler<DynamodbEvent, StreamsEventResponse> {

    private static final Logger LOG = LogManager.getLogger(SummaryProjectionHandler.class);

    private final Function<List<ChangeRecord>, ProjectionOutcome> projection;

    /** What Lambda calls: the batch projection built once per container from the environment. */
    public SummaryProjectionHandler() {
        this(Container.PROJECTION::project);
    }

    SummaryProjectionHandler(SummaryProjector projector) {
        this(projector::project);
    }

    SummaryProjectionHandler(Function<List<ChangeRecord>, ProjectionOutcome> projection) {
        this.projection = projection;
    }

    @Override
    @Logging(clearState = true)
    @Tracing
    public StreamsEventResponse handleRequest(DynamodbEvent event, Context context) {
        TraceAnnotations.invocation(context);
        List<DynamodbEvent.DynamodbStreamRecord> records = event.getRecords() == null ? List.of() : event.getRecords();
        ProjectionOutcome outcome =
                projection.apply(records.stream().map(StreamRecords::read).toList());
        LOG.info(
                "batch projected: records={} applied={} covered={} unchanged={} failed={}",
                records.size(),
                outcome.applied(),
                outcome.covered(),
                outcome.unchanged(),
                outcome.failed());
        return new StreamsEventResponse(outcome.firstFailure()
                .map(sequenceNumber -> List.of(new StreamsEventResponse.BatchItemFailure(sequenceNumber)))
                .orElse(List.of()));
    }

    /**
     * The once-per-container projector, each init step timed as a subsegment, and its priming; a
     * holder class so tests constructing the handler do not build it.
     */
    private static final class Container {
        static final ProjectionConfig CONFIG = InitTrace.step("config", ProjectionConfig::fromEnvironment);
        static final DynamoDbClient DYNAMODB = InitTrace.step(
                "DynamoDbClient", () -> AwsClients.fromEnvironment().dynamoDb());
        static final BatchSummaryProjection PROJECTION =
                SummaryProjections.batchProjection(CONFIG, DYNAMODB, Clock.systemUTC());
        static final Priming PRIMING = Priming.register("SummaryProjectionFunction", Container::prime, () -> {});

        /** Writes nothing: the summary of a user that cannot exist read, and an empty batch projected. */
        private static void prime() {
            new DynamoDbSummaryStore(DYNAMODB, CONFIG.summariesTable()).find("priming-user-that-cannot-exist");
            PROJECTION.project(List.of());
        }
    }
}
