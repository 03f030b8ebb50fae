package dev.tally.common.domain;

import java.time.Instant;
import java.util.Objects;

/**
 * A payment recorded against a debt, in the debt's currency.
 *
 * @param amount    minor units paid, greater than 0
 * @param paidAt    when it was paid
 * @param note      optional note
 * @param commandId the {@code RecordPayment} command that recorded it
 */
public record Payment(long amount, Instant paidAt, String note, String commandId) {

    public Payment {
        if (amount <= 0) {
            throw new IllegalArgumentException("a payment's amount must be greater than 0, was " + amount);
        }
        Objects.requireNonNull(paidAt, "paidAt");
        Objects.requireNonNull(commandId, "commandId");
    }
}
