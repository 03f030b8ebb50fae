package dev.tally.events.command;

/** Who owes whom, from the point of view of the user who recorded the debt. */
public enum Direction {
    /** The user owes the counterparty. */
    OWED_BY_ME,
    /** The counterparty owes the user. */
    OWED_TO_ME
}
