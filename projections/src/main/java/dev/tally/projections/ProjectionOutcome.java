package dev.tally.projections;

import java.util.Optional;

/**
 * What projecting one batch did.
 *
 * @param firstFailedSequenceNumber the sequence number of the first record (in batch order) that was
 *                                  not applied, or null when every record is done
 * @param applied                   records that altered a summary
 * @param covered                   records skipped as already accounted for
 * @param unchanged                 records skipped because they change no total
 * @param failed                    records not applied (unreadable, or their user's write failed)
 */
public record ProjectionOutcome(String firstFailedSequenceNumber, int applied, int covered, int unchanged, int failed) {

    /** The sequence number to report as the batch item failure, if any record failed. */
    public Optional<String> firstFailure() {
        return Optional.ofNullable(firstFailedSequenceNumber);
    }
}
