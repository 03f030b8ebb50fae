package dev.tally.events.view;

import dev.tally.events.Money;
import java.time.Instant;

/**
 * One payment of a debt, as the API shows it.
 *
 * @param amount    the amount paid
 * @param paidAt    when it was paid
 * @param note      optional note
 * @param commandId the command that recorded it
 */
public record PaymentView(Money amount, Instant paidAt, String note, String commandId) {}
