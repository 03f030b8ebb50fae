package dev.tally.events.request;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tally.events.FieldProblem;
import dev.tally.events.Fixtures;
import dev.tally.events.JsonBodies;
import dev.tally.events.Limits;
import dev.tally.events.Money;
import dev.tally.events.Validated;
import dev.tally.events.command.RecordPayment;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RecordPaymentRequestTest {

    private static final Instant NOW = Instant.parse("2026-11-29T12:00:00Z");

    private static Validated<RecordPayment> validate(String body) {
        return JsonBodies.parse(body, RecordPaymentRequest.class).flatMap(r -> r.validate("debt-1", NOW));
    }

    @Test
    void validBody_withOffset_becomesCommandInUtc() {
        assertThat(validate(Fixtures.load("record-payment-request/v1/valid.json"))
                        .orElseThrow())
                .isEqualTo(new RecordPayment(
                        "debt-1", Money.of(500, "EUR"), Instant.parse("2026-11-29T11:59:00Z"), "cash"));
    }

    @Test
    void missingPaidAt_defaultsToNow() {
        assertThat(validate("{\"amount\":{\"amount\":\"1\",\"currency\":\"EUR\"}}")
                        .orElseThrow()
                        .paidAt())
                .isEqualTo(NOW);
    }

    @Test
    void overflowingAmount_isRefused() {
        assertThat(validate(Fixtures.load("record-payment-request/v1/overflow.json"))
                        .problems())
                .containsExactly(new FieldProblem("amount.amount", "is too large: at most 1000000000000.00 EUR"));
    }

    @Test
    void futurePaidAt_isRefused_butSmallSkewIsAccepted() {
        assertThat(validate("{\"amount\":{\"amount\":\"1\",\"currency\":\"EUR\"},\"paidAt\":\"2026-11-29T12:06:00Z\"}")
                        .problems())
                .containsExactly(new FieldProblem("paidAt", "must not be in the future"));
        assertThat(validate("{\"amount\":{\"amount\":\"1\",\"currency\":\"EUR\"},\"paidAt\":\"2026-11-29T12:04:00Z\"}")
                        .isValid())
                .isTrue();
    }

    @Test
    void everyProblem_isReportedAtOnce() {
        String body = "{\"amount\":{\"amount\":\"0\",\"currency\":\"EUR\"},\"paidAt\":\"2026-11-29\",\"note\":\""
                + "n".repeat(Limits.NOTE_MAX + 1) + "\"}";

        assertThat(validate(body).problems())
                .containsExactlyInAnyOrder(
                        new FieldProblem("amount.amount", "must be greater than 0"),
                        new FieldProblem(
                                "paidAt", "must be an ISO-8601 date-time with a zone like \"2026-11-27T10:15:30Z\""),
                        new FieldProblem("note", "must be at most 500 characters"));
    }

    @Test
    void missingAmount_isRequired() {
        assertThat(validate("{}").problems())
                .singleElement()
                .extracting(FieldProblem::field)
                .isEqualTo("amount");
    }
}
