package dev.tally.events;

/** The life-cycle state of a debt. Only an {@code OPEN} debt can change. */
public enum DebtStatus {
    /** Recorded and not yet closed: payments, updates, settling and cancelling are allowed. */
    OPEN,
    /** Closed: fully paid, or settled with the remainder written off. */
    SETTLED,
    /** Closed: withdrawn; it keeps its numbers but counts towards nothing. */
    CANCELLED
}
