package dev.tally.projections;

/**
 * One DynamoDB stream record of the {@code debts} table, converted at the edge: either a readable
 * {@link DebtChange} or an {@link UnreadableRecord} that can never be applied.
 */
public sealed interface ChangeRecord permits DebtChange, UnreadableRecord {

    /** The stream sequence number (what a batch item failure names); empty if the record had none. */
    String sequenceNumber();

    /** The owner of the debt, or null when not even the key could be read. */
    String userId();
}
