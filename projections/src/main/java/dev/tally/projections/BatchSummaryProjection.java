package dev.tally.projections;

import dev.tally.common.store.DynamoDbSummaryBatchUnits;
import dev.tally.common.store.SummaryBatchUnit;
import java.time.Clock;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Projects a stream batch with one read and one write for all of its users: a {@link SummaryProjector}
 * folds the batch against a {@link SummaryBatchUnit} and the unit is committed. A batch with an
 * unreadable record, too many users, or a unit that does not commit (it then wrote nothing) is
 * projected again by the {@code direct} projector, one user at a time, as if the unit had never been
 * tried: its per-user failure reporting is unchanged (ADR 0118).
 */
public final class BatchSummaryProjection {

    private static final Logger LOG = LogManager.getLogger(BatchSummaryProjection.class);

    private final Function<Set<String>, SummaryBatchUnit> units;
    private final SummaryProjector direct;
    private final Clock clock;

    /** A projection trying {@code units} first and falling back to {@code direct}. */
    public BatchSummaryProjection(DynamoDbSummaryBatchUnits units, SummaryProjector direct, Clock clock) {
        this(units::begin, direct, clock);
    }

    BatchSummaryProjection(Function<Set<String>, SummaryBatchUnit> units, SummaryProjector direct, Clock clock) {
        this.units = Objects.requireNonNull(units, "units");
        this.direct = Objects.requireNonNull(direct, "direct");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Projects {@code records} (in stream order). */
    public ProjectionOutcome project(List<ChangeRecord> records) {
        Set<String> users = new LinkedHashSet<>();
        for (ChangeRecord record : records) {
            if (!(record instanceof DebtChange)) {
                return direct.project(records);
            }
            users.add(record.userId());
        }
        if (users.isEmpty() || users.size() > DynamoDbSummaryBatchUnits.MAX_TRANSACTION_ITEMS) {
            return direct.project(records);
        }
        try {
            SummaryBatchUnit unit = units.apply(users);
            ProjectionOutcome outcome = new SummaryProjector(unit, clock).project(records);
            if (outcome.failed() == 0) {
                unit.commit();
                return outcome;
            }
        } catch (RuntimeException notCommitted) {
            LOG.info(
                    "batch not written as one transaction, projecting it user by user: records={} users={} cause={}",
                    records.size(),
                    users.size(),
                    notCommitted.toString());
        }
        return direct.project(records);
    }
}
