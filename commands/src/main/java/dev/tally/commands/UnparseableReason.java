package dev.tally.commands;

/**
 * Why a message body can never become a command. Such a message is moved to the dead-letter queue
 * at once: retrying it cannot help.
 */
public enum UnparseableReason {
    /** The body is empty or not JSON. */
    MALFORMED_JSON,
    /** The body is JSON but its {@code type} names no command this worker knows. */
    UNKNOWN_COMMAND_TYPE,
    /** The body is a command of a known type, but a field is missing or invalid. */
    INVALID_COMMAND
}
