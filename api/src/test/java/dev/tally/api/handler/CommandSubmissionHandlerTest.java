package dev.tally.api.handler;

import static dev.tally.api.handler.AuthHandlerTest.fields;
import static dev.tally.api.handler.AuthHandlerTest.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import dev.tally.api.submission.CommandRequests;
import dev.tally.api.submission.CommandSubmissionService;
import dev.tally.api.submission.Submission;
import dev.tally.api.submission.SubmissionOutcome;
import dev.tally.api.submission.UuidV7;
import dev.tally.api.testing.ApiGatewayEvents;
import dev.tally.api.testing.TestTokens;
import dev.tally.common.http.ApiRequestHandling;
import dev.tally.common.http.ApiResponses;
import dev.tally.common.testing.TestLambdaContext;
import dev.tally.contract.ApiContract;
import dev.tally.events.Money;
import dev.tally.events.TallyJson;
import dev.tally.events.command.CommandType;
import dev.tally.events.command.CreateDebt;
import dev.tally.events.command.Direction;
import dev.tally.events.command.RecordPayment;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.mockito.ArgumentCaptor;

class CommandSubmissionHandlerTest {

    private static final Instant NOW = Instant.parse("2026-11-27T10:15:30Z");
    private static final String DEBT = "019ac4b2-7e31-7c5a-9d42-3f6e8b1a2c90";

    private final CommandSubmissionService service = mock(CommandSubmissionService.class);
    private final RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> handler =
            ApiContract.checked(new CommandSubmissionHandler(
                    TestTokens.authenticator(),
                    new CommandRequests(new UuidV7(), Clock.fixed(NOW, ZoneOffset.UTC)),
                    service,
                    new ApiRequestHandling(new ApiResponses(TallyJson.MAPPER))));

    @ParameterizedTest
    @ValueSource(strings = {"debts-create", "debts-create-base64"})
    void create_whenValid_answers202WithStatusUrlAndLocationAndSubmitsForTheTokenSubject(String fixture) {
        when(service.submit(any(), any())).thenAnswer(call -> {
            Submission submission = call.getArgument(1);
            return new SubmissionOutcome.Accepted(
                    submission.idempotencyKey(), submission.command().debtId(), false);
        });

        APIGatewayV2HTTPResponse response = handle(fixture);

        assertThat(response.getStatusCode()).isEqualTo(202);
        assertThat(response.getHeaders()).containsEntry("Location", "/commands/a1b2c3d4-create-dinner");
        JsonNode body = json(response);
        assertThat(body.get("commandId").asText()).isEqualTo("a1b2c3d4-create-dinner");
        assertThat(body.get("status").asText()).isEqualTo("ACCEPTED");
        assertThat(body.get("statusUrl").asText()).isEqualTo("/commands/a1b2c3d4-create-dinner");
        Submission submission = submitted();
        assertThat(body.get("debtId").asText()).isEqualTo(submission.command().debtId());
        assertThat(UuidV7.timestampMillis(
                        java.util.UUID.fromString(submission.command().debtId())))
                .isPositive();
        assertThat(submission.routeKey()).isEqualTo("POST /debts");
        assertThat(submission.generatedFields()).containsExactly(Submission.DEBT_ID);
        assertThat(submission.receivedAt()).isEqualTo(NOW);
        CreateDebt create = (CreateDebt) submission.command();
        assertThat(create.counterparty().name()).isEqualTo("Grace Hopper");
        assertThat(create.counterparty().email()).isEqualTo("grace@example.com");
        assertThat(create.direction()).isEqualTo(Direction.OWED_TO_ME);
        assertThat(create.amount()).isEqualTo(Money.of(1234, "EUR"));
        assertThat(create.dueDate()).isEqualTo(LocalDate.parse("2026-12-31"));
    }

    @Test
    void create_withoutHeaders_usesTheRequestIdAsCorrelationAndNoKey() {
        when(service.submit(any(), any())).thenReturn(new SubmissionOutcome.Accepted("generated-id", DEBT, false));

        APIGatewayV2HTTPResponse response = handle("debts-create-no-idempotency-key");

        assertThat(response.getStatusCode()).isEqualTo(202);
        assertThat(response.getHeaders()).containsEntry("Location", "/commands/generated-id");
        Submission submission = submitted();
        assertThat(submission.idempotencyKey()).isNull();
        assertThat(submission.correlationId()).isEqualTo("Vx10aHkPjoEEJ9w=");
    }

    @Test
    void create_withCorrelationHeader_carriesItIntoTheSubmission() {
        when(service.submit(any(), any())).thenReturn(new SubmissionOutcome.Accepted("generated-id", DEBT, false));

        handle("debts-create-correlation-id");

        assertThat(submitted().correlationId()).isEqualTo("checkout-7f3a9c");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "debts-create-no-token",
                "debts-create-garbage-token",
                "debts-create-expired-token",
                "debts-create-foreign-token",
                "debts-create-basic-auth"
            })
    void anyRoute_whenTokenIsMissingOrInvalid_answersTheOne401AndSubmitsNothing(String fixture) {
        APIGatewayV2HTTPResponse response = handle(fixture);

        assertThat(response.getStatusCode()).isEqualTo(401);
        assertThat(response.getHeaders()).containsEntry("WWW-Authenticate", "Bearer");
        JsonNode error = json(response).get("error");
        assertThat(error.get("code").asText()).isEqualTo("UNAUTHORIZED");
        assertThat(error.get("message").asText()).isEqualTo("A valid bearer token is required.");
        verifyNoInteractions(service);
    }

    @Test
    void create_whenFieldsAreInvalid_answers400WithEveryFieldProblem() {
        APIGatewayV2HTTPResponse response = handle("debts-create-invalid");

        assertThat(response.getStatusCode()).isEqualTo(400);
        JsonNode error = json(response).get("error");
        assertThat(error.get("code").asText()).isEqualTo("VALIDATION_FAILED");
        assertThat(fields(error))
                .contains("counterparty.name", "direction", "dueDate")
                .anySatisfy(field -> assertThat(field).startsWith("amount"));
        verifyNoInteractions(service);
    }

    @Test
    void payment_whenAmountAndCurrencyAreInvalid_answers400NamingBoth() {
        APIGatewayV2HTTPResponse response = handle("debts-payment-invalid");

        assertThat(response.getStatusCode()).isEqualTo(400);
        assertThat(fields(json(response).get("error"))).contains("amount.amount", "amount.currency");
        verifyNoInteractions(service);
    }

    @Test
    void payment_whenPathDebtIdIsNotAUuid_answers400NamingDebtId() {
        APIGatewayV2HTTPResponse response = handle("debts-payment-bad-debt-id");

        assertThat(response.getStatusCode()).isEqualTo(400);
        assertThat(fields(json(response).get("error"))).containsExactly("debtId");
        verifyNoInteractions(service);
    }

    @Test
    void create_whenIdempotencyKeyIsMisshapen_answers400NamingTheHeader() {
        APIGatewayV2HTTPResponse response = handle("debts-create-bad-idempotency-key");

        assertThat(response.getStatusCode()).isEqualTo(400);
        JsonNode error = json(response).get("error");
        assertThat(fields(error)).containsExactly("Idempotency-Key");
        assertThat(error.get("fields").get(0).get("problem").asText()).contains("1 to 64");
        verifyNoInteractions(service);
    }

    @Test
    void create_whenHeaderAndBodyAreBothBad_listsBoth() {
        APIGatewayV2HTTPEvent event = ApiGatewayEvents.withHeader(
                ApiGatewayEvents.load("debts-create-invalid"), "idempotency-key", "no spaces allowed");

        APIGatewayV2HTTPResponse response =
                handler.handleRequest(event, new TestLambdaContext("CommandSubmissionFunction"));

        assertThat(fields(json(response).get("error"))).contains("Idempotency-Key", "direction", "counterparty.name");
    }

    @ParameterizedTest
    @ValueSource(strings = {"debts-create-malformed-json", "debts-create-missing-body"})
    void create_whenBodyIsNotJson_answers400MalformedJson(String fixture) {
        APIGatewayV2HTTPResponse response = handle(fixture);

        assertThat(response.getStatusCode()).isEqualTo(400);
        assertThat(json(response).get("error").get("code").asText()).isEqualTo("MALFORMED_JSON");
        verifyNoInteractions(service);
    }

    @Test
    void debtRoutes_whenValid_submitTheCommandOfTheirRoute() {
        when(service.submit(any(), any())).thenReturn(new SubmissionOutcome.Accepted("k", DEBT, false));

        assertThat(handle("debts-update").getStatusCode()).isEqualTo(202);
        assertThat(handle("debts-payment").getStatusCode()).isEqualTo(202);
        assertThat(handle("debts-settle").getStatusCode()).isEqualTo(202);
        assertThat(handle("debts-settle-missing-body").getStatusCode()).isEqualTo(202);
        assertThat(handle("debts-cancel").getStatusCode()).isEqualTo(202);

        ArgumentCaptor<Submission> captor = ArgumentCaptor.forClass(Submission.class);
        verify(service, org.mockito.Mockito.times(5)).submit(eq(TestTokens.USER_ID), captor.capture());
        assertThat(captor.getAllValues())
                .extracting(submission -> submission.command().type())
                .containsExactly(
                        CommandType.UPDATE_DEBT,
                        CommandType.RECORD_PAYMENT,
                        CommandType.SETTLE_DEBT,
                        CommandType.SETTLE_DEBT,
                        CommandType.CANCEL_DEBT);
        assertThat(captor.getAllValues()).allSatisfy(submission -> {
            assertThat(submission.command().debtId()).isEqualTo(DEBT);
            assertThat(submission.generatedFields()).isEmpty();
        });
        RecordPayment payment = (RecordPayment) captor.getAllValues().get(1).command();
        assertThat(payment.paidAt()).isEqualTo(Instant.parse("2026-11-27T09:30:00Z"));
        assertThat(captor.getAllValues().get(4).idempotencyKey()).isEqualTo("cancel-0001");
    }

    @Test
    void create_whenKeyWasUsedForAnotherRequest_answers422() {
        when(service.submit(any(), any()))
                .thenReturn(new SubmissionOutcome.IdempotencyKeyReused("a1b2c3d4-create-dinner"));

        APIGatewayV2HTTPResponse response = handle("debts-create");

        assertThat(response.getStatusCode()).isEqualTo(422);
        assertThat(json(response).get("error").get("code").asText()).isEqualTo("IDEMPOTENCY_KEY_REUSED");
    }

    @Test
    void create_whenTheQueueIsUnavailable_answers503AskingForARetryWithTheSameKey() {
        when(service.submit(any(), any())).thenReturn(new SubmissionOutcome.QueueUnavailable("a1b2c3d4-create-dinner"));

        APIGatewayV2HTTPResponse response = handle("debts-create");

        assertThat(response.getStatusCode()).isEqualTo(503);
        JsonNode error = json(response).get("error");
        assertThat(error.get("code").asText()).isEqualTo("SERVICE_UNAVAILABLE");
        assertThat(error.get("message").asText()).contains("Idempotency-Key");
    }

    @Test
    void create_whenTheServiceFailsUnexpectedly_answers500WithoutTheExceptionText() {
        when(service.submit(any(), any()))
                .thenThrow(new IllegalStateException("DynamoDB said: table commands is gone"));

        APIGatewayV2HTTPResponse response = handle("debts-create");

        assertThat(response.getStatusCode()).isEqualTo(500);
        assertThat(response.getBody())
                .doesNotContain("DynamoDB")
                .doesNotContain("gone")
                .doesNotContain("Exception");
        assertThat(json(response).get("error").get("code").asText()).isEqualTo("INTERNAL_ERROR");
    }

    @Test
    void handleRequest_whenRouteIsNotACommandRoute_answers404() {
        assertThat(handle("unknown-route").getStatusCode()).isEqualTo(404);
        verifyNoInteractions(service);
    }

    private APIGatewayV2HTTPResponse handle(String fixture) {
        return handler.handleRequest(
                ApiGatewayEvents.load(fixture), new TestLambdaContext("CommandSubmissionFunction"));
    }

    private Submission submitted() {
        ArgumentCaptor<Submission> captor = ArgumentCaptor.forClass(Submission.class);
        verify(service).submit(eq(TestTokens.USER_ID), captor.capture());
        return captor.getValue();
    }
}
