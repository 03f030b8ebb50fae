package dev.tally.commands;

import java.util.Objects;

/**
 * A message body that can never become a command.
 *
 * @param reason the category, a machine-readable label
 * @param detail what was wrong, naming fields but never quoting the body (it may hold personal data)
 */
public record Unparseable(UnparseableReason reason, String detail) {

    /** Requires both parts. */
    public Unparseable {
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(detail, "detail");
    }
}
