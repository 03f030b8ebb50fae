package dev.tally.api.submission;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import dev.tally.api.testing.ApiGatewayEvents;
import dev.tally.common.http.ApiException;
import dev.tally.common.http.ErrorCode;
import dev.tally.common.http.HttpRequest;
import dev.tally.events.FieldProblem;
import dev.tally.events.Limits;
import dev.tally.events.command.RecordPayment;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class CommandRequestsTest {

    private static final Instant NOW = Instant.parse("2026-11-27T10:15:30Z");

    private final CommandRequests requests = new CommandRequests(new UuidV7(), Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void read_paymentWithoutPaidAt_defaultsItToNowAndMarksItGenerated() {
        APIGatewayV2HTTPEvent event = ApiGatewayEvents.load("debts-payment");
        event.setBody("{\"amount\": {\"amount\": \"5.00\", \"currency\": \"EUR\"}}");

        Submission submission = requests.read(HttpRequest.from(event));

        assertThat(((RecordPayment) submission.command()).paidAt()).isEqualTo(NOW);
        assertThat(submission.generatedFields()).containsExactly(Submission.PAID_AT);
    }

    @Test
    void read_paymentWithPaidAt_generatesNothing() {
        Submission submission = requests.read(HttpRequest.from(ApiGatewayEvents.load("debts-payment")));

        assertThat(submission.generatedFields()).isEmpty();
    }

    @Test
    void read_createTwice_givesEachANewTimeOrderedDebtId() {
        Submission first = requests.read(HttpRequest.from(ApiGatewayEvents.load("debts-create")));
        Submission second = requests.read(HttpRequest.from(ApiGatewayEvents.load("debts-create")));

        assertThat(first.command().debtId()).isNotEqualTo(second.command().debtId());
        assertThat(second.command().debtId()).isGreaterThan(first.command().debtId());
    }

    @Test
    void read_cancelWithABody_refusesTheBodyInsteadOfIgnoringIt() {
        APIGatewayV2HTTPEvent event = ApiGatewayEvents.load("debts-cancel");
        event.setBody("{\"reason\": \"typo\"}");

        ApiException refused = catchThrowableOfType(ApiException.class, () -> requests.read(HttpRequest.from(event)));

        assertThat(refused.code()).isEqualTo(ErrorCode.VALIDATION_FAILED);
        assertThat(refused.fields()).extracting(FieldProblem::field).containsExactly("body");
    }

    @Test
    void read_bodyThatIsJsonButNotAnObject_isMalformed() {
        APIGatewayV2HTTPEvent event = ApiGatewayEvents.load("debts-settle");
        event.setBody("[\"note\"]");

        ApiException refused = catchThrowableOfType(ApiException.class, () -> requests.read(HttpRequest.from(event)));

        assertThat(refused.code()).isEqualTo(ErrorCode.MALFORMED_JSON);
    }

    @Test
    void read_bodyOverTheLimitInMultiByteCharacters_is413NamingTheBody() {
        // 10,000 characters, 20,000+ bytes: the limit is in UTF-8 bytes (ADR 0167).
        APIGatewayV2HTTPEvent event = ApiGatewayEvents.load("debts-settle");
        event.setBody("{\"note\":\"" + "é".repeat(10_000) + "\"}");

        ApiException refused = catchThrowableOfType(ApiException.class, () -> requests.read(HttpRequest.from(event)));

        assertThat(refused.code()).isEqualTo(ErrorCode.PAYLOAD_TOO_LARGE);
        assertThat(refused.fields())
                .containsExactly(new FieldProblem("body", "must be at most " + Limits.BODY_MAX + " bytes of UTF-8"));
    }

    @Test
    void read_truncatedBodyAfterAnUnknownField_isMalformedNotAFieldProblem() {
        APIGatewayV2HTTPEvent event = ApiGatewayEvents.load("debts-settle");
        event.setBody("{\"reason\":\"typo\",\"note\":");

        ApiException refused = catchThrowableOfType(ApiException.class, () -> requests.read(HttpRequest.from(event)));

        assertThat(refused.code()).isEqualTo(ErrorCode.MALFORMED_JSON);
        assertThat(refused.fields()).extracting(FieldProblem::field).containsExactly("body");
    }

    @Test
    void read_pathDebtIdNotAUuid_isRefusedByName() {
        APIGatewayV2HTTPEvent event = ApiGatewayEvents.load("debts-settle");
        event.setPathParameters(java.util.Map.of("debtId", "019AC4B2-7E31-7C5A-9D42-3F6E8B1A2C90"));

        ApiException refused = catchThrowableOfType(ApiException.class, () -> requests.read(HttpRequest.from(event)));

        assertThat(refused.fields())
                .containsExactly(
                        new FieldProblem("debtId", "must be a debt id as returned by POST /debts (a lower-case UUID)"));
    }

    @Test
    void read_misshapenCorrelationId_isRefusedByName() {
        APIGatewayV2HTTPEvent event = ApiGatewayEvents.withHeader(
                ApiGatewayEvents.load("debts-settle"), "x-correlation-id", "has spaces in it");

        ApiException refused = catchThrowableOfType(ApiException.class, () -> requests.read(HttpRequest.from(event)));

        assertThat(refused.fields()).extracting(FieldProblem::field).containsExactly("X-Correlation-Id");
    }
}
