package dev.tally.projections.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import dev.tally.common.observability.TraceAnnotations;
import dev.tally.projections.ChangeRecord;
import dev.tally.projections.ProjectionOutcome;
import dev.tally.projections.SummaryProjector;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
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
        this(SummaryProjectionFunction.PROJECTION::project);
    }

    SummaryProjectionHandler(SummaryProjector projector) {
        this(Objects.requireNonNull(projector, "projector")::project);
    }

    SummaryProjectionHandler(Function<List<ChangeRecord>, ProjectionOutcome> projection) {
        this.projection = Objects.requireNonNull(projection, "projection");
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
}
