package dev.tally.events.request;

import dev.tally.events.DecimalMoney;
import dev.tally.events.FieldProblem;
import dev.tally.events.Limits;
import dev.tally.events.Money;
import dev.tally.events.TextRules;
import dev.tally.events.Validated;
import dev.tally.events.command.RecordPayment;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The body of {@code POST /debts/{debtId}/payments}: {@code {amount: Money, paidAt?, note?}}.
 *
 * @param amount the amount paid, required, positive, in the debt's currency
 * @param paidAt optional ISO-8601 date-time with a zone; defaults to the time of the request;
 *               at most {@link #FUTURE_TOLERANCE} in the future
 * @param note   optional, not blank, at most {@link Limits#NOTE_MAX} characters
 */
public record RecordPaymentRequest(DecimalMoney amount, String paidAt, String note) {

    /** How far in the future {@code paidAt} may be (clock skew between client and server). */
    public static final Duration FUTURE_TOLERANCE = Duration.ofMinutes(5);

    /** Validates every field at once and builds the command; {@code now} is the request's time. */
    public Validated<RecordPayment> validate(String debtId, Instant now) {
        List<FieldProblem> problems = TextRules.problems();
        RequestFields.pathId(problems, "debtId", debtId);
        Validated<Money> money = Money.parse(amount, "amount");
        problems.addAll(money.problems());
        Instant when = RequestFields.instant(problems, "paidAt", paidAt);
        if (when != null && when.isAfter(now.plus(FUTURE_TOLERANCE))) {
            problems.add(new FieldProblem("paidAt", "must not be in the future"));
        }
        RequestFields.optionalNonBlankText(problems, "note", note, Limits.NOTE_MAX);
        Instant paid = when == null ? now : when;
        return Validated.of(problems, () -> new RecordPayment(debtId, money.orElseThrow(), paid, note));
    }
}
