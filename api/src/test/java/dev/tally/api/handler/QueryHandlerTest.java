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
import dev.tally.api.query.DebtListing;
import dev.tally.api.query.QueryService;
import dev.tally.api.testing.ApiGatewayEvents;
import dev.tally.api.testing.TestTokens;
import dev.tally.common.domain.CounterpartyTotals;
import dev.tally.common.domain.CurrencyTotals;
import dev.tally.common.domain.Summary;
import dev.tally.common.http.ApiException;
import dev.tally.common.http.ApiRequestHandling;
import dev.tally.common.http.ApiResponses;
import dev.tally.common.http.ErrorCode;
import dev.tally.common.testing.TestLambdaContext;
import dev.tally.contract.ApiContract;
import dev.tally.events.DebtStatus;
import dev.tally.events.DecimalMoney;
import dev.tally.events.Money;
import dev.tally.events.TallyJson;
import dev.tally.events.command.CommandStatus;
import dev.tally.events.command.CommandType;
import dev.tally.events.command.Counterparty;
import dev.tally.events.command.Direction;
import dev.tally.events.command.RejectionReason;
import dev.tally.events.view.DebtListView;
import dev.tally.events.view.DebtView;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.mockito.ArgumentCaptor;

class QueryHandlerTest {

    private static final String DEBT = "019ac4b2-7e31-7c5a-9d42-3f6e8b1a2c90";
    private static final Instant UPDATED = Instant.parse("2026-11-27T09:00:00Z");

    private final QueryService service = mock(QueryService.class);
    private final RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> handler =
            ApiContract.checked(new QueryHandler(
                    TestTokens.authenticator(), service, new ApiRequestHandling(new ApiResponses(TallyJson.MAPPER))));

    @Test
    void summary_whenAuthenticated_answers200WithTheTokenSubjectsSummary() {
        Summary summary = new Summary(Map.of(
                "EUR",
                new CurrencyTotals(
                        500,
                        2_000,
                        2,
                        Map.of(LocalDate.of(2026, 11, 26), 1L),
                        Map.of("Alice", new CounterpartyTotals(2_000, 1), "Bob", new CounterpartyTotals(-500, 1)))));
        when(service.summary(TestTokens.USER_ID))
                .thenReturn(summary.toView(TestTokens.USER_ID, LocalDate.of(2026, 11, 27), UPDATED));

        APIGatewayV2HTTPResponse response = handle("summary");

        assertThat(response.getStatusCode()).isEqualTo(200);
        JsonNode body = json(response);
        assertThat(body.get("userId").asText()).isEqualTo(TestTokens.USER_ID);
        JsonNode eur = body.get("currencies").get("EUR");
        assertThat(eur.get("owedByMe").asText()).isEqualTo("5.00");
        assertThat(eur.get("owedToMe").asText()).isEqualTo("20.00");
        assertThat(eur.get("net").asText()).isEqualTo("15.00");
        assertThat(eur.get("openCount").asLong()).isEqualTo(2);
        assertThat(eur.get("overdueCount").asLong()).isEqualTo(1);
        assertThat(body.get("counterparties")).hasSize(2);
        assertThat(body.get("updatedAt").asText()).isEqualTo("2026-11-27T09:00:00Z");
    }

    @ParameterizedTest
    @ValueSource(strings = {"summary-no-token", "summary-expired-token", "summary-foreign-token"})
    void summary_whenTheTokenIsMissingOrInvalid_answers401AndReadsNothing(String fixture) {
        APIGatewayV2HTTPResponse response = handle(fixture);

        assertThat(response.getStatusCode()).isEqualTo(401);
        assertThat(response.getHeaders()).containsEntry("WWW-Authenticate", "Bearer");
        assertThat(json(response).get("error").get("code").asText()).isEqualTo("UNAUTHORIZED");
        verifyNoInteractions(service);
    }

    @Test
    void debts_withoutParameters_asksForTheFirstPageOfEveryDebtWithTheDefaultLimit() {
        when(service.debts(eq(TestTokens.USER_ID), any()))
                .thenReturn(new DebtListView(List.of(debtView().withoutPayments()), null));

        APIGatewayV2HTTPResponse response = handle("debts");

        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(listingAsked()).isEqualTo(new DebtListing(null, DebtListing.DEFAULT_LIMIT, null));
        JsonNode body = json(response);
        assertThat(body.get("items")).hasSize(1);
        assertThat(body.get("items").get(0).get("debtId").asText()).isEqualTo(DEBT);
        assertThat(body.has("nextCursor")).isFalse();
    }

    @Test
    void debts_withStatusLimitAndCursor_passesThemOnAndAnswersTheNextCursor() {
        when(service.debts(eq(TestTokens.USER_ID), any()))
                .thenReturn(new DebtListView(List.of(debtView().withoutPayments()), "next-page"));

        APIGatewayV2HTTPResponse response = handle("debts-next-page");

        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(listingAsked())
                .isEqualTo(new DebtListing(DebtStatus.OPEN, 7, "AQckMDE5YWM0YjItN2UzMS03YzVhLTlkNDItM2Y2ZThiMWEyYzkw"));
        assertThat(json(response).get("nextCursor").asText()).isEqualTo("next-page");
    }

    @ParameterizedTest
    @ValueSource(strings = {"debts-bad-limit", "debts-limit-not-a-number"})
    void debts_whenTheLimitIsInvalid_answers400NamingLimitAndItsRange(String fixture) {
        APIGatewayV2HTTPResponse response = handle(fixture);

        assertThat(response.getStatusCode()).isEqualTo(400);
        JsonNode error = json(response).get("error");
        assertThat(error.get("code").asText()).isEqualTo("VALIDATION_FAILED");
        assertThat(fields(error)).containsExactly("limit");
        assertThat(error.get("fields").get(0).get("problem").asText())
                .contains("1")
                .contains("100");
        verifyNoInteractions(service);
    }

    @Test
    void debts_whenTheStatusIsInvalid_answers400ListingTheAllowedValues() {
        APIGatewayV2HTTPResponse response = handle("debts-bad-status");

        assertThat(response.getStatusCode()).isEqualTo(400);
        JsonNode error = json(response).get("error");
        assertThat(fields(error)).containsExactly("status");
        assertThat(error.get("fields").get(0).get("problem").asText()).contains("OPEN, SETTLED, CANCELLED");
        verifyNoInteractions(service);
    }

    @Test
    void debts_whenStatusAndLimitAreBothInvalid_namesBoth() {
        APIGatewayV2HTTPResponse response = handle("debts-bad-status-and-limit");

        assertThat(response.getStatusCode()).isEqualTo(400);
        assertThat(fields(json(response).get("error"))).containsExactly("status", "limit");
    }

    @Test
    void debts_whenTheServiceRefusesTheCursor_answers400InvalidCursorWithTheGenericMessageOnly() {
        when(service.debts(eq(TestTokens.USER_ID), any()))
                .thenThrow(new ApiException(ErrorCode.INVALID_CURSOR, ErrorCode.INVALID_CURSOR.defaultMessage()));

        APIGatewayV2HTTPResponse response = handle("debts-bad-cursor");

        assertThat(response.getStatusCode()).isEqualTo(400);
        JsonNode error = json(response).get("error");
        assertThat(error.get("code").asText()).isEqualTo("INVALID_CURSOR");
        assertThat(error.get("message").asText()).isEqualTo(ErrorCode.INVALID_CURSOR.defaultMessage());
        assertThat(error.has("fields")).isFalse();
    }

    @Test
    void debt_whenTheUserHasIt_answers200WithPaymentsAndOutstanding() {
        when(service.debt(TestTokens.USER_ID, DEBT)).thenReturn(Optional.of(debtView()));

        APIGatewayV2HTTPResponse response = handle("debt");

        assertThat(response.getStatusCode()).isEqualTo(200);
        JsonNode body = json(response);
        assertThat(body.get("debtId").asText()).isEqualTo(DEBT);
        assertThat(body.get("outstanding").get("amount").asText()).isEqualTo("7.50");
        assertThat(body.get("status").asText()).isEqualTo("OPEN");
    }

    @Test
    void debt_whenAnotherUsersOrMissing_answers404ExactlyLikeAMalformedId() {
        when(service.debt(any(), any())).thenReturn(Optional.empty());

        APIGatewayV2HTTPResponse missing = handle("debt");
        APIGatewayV2HTTPResponse malformed = handle("debt-malformed-id");

        assertThat(missing.getStatusCode()).isEqualTo(404);
        assertThat(missing.getBody()).isEqualTo(malformed.getBody());
        assertThat(json(missing).get("error").get("code").asText()).isEqualTo("NOT_FOUND");
        verify(service).debt(TestTokens.USER_ID, DEBT);
    }

    @Test
    void command_whenTheUserHasIt_answers200WithItsStatus() {
        when(service.command(TestTokens.USER_ID, "a1b2c3d4-create-dinner"))
                .thenReturn(Optional.of(CommandStatus.rejected(
                        "a1b2c3d4-create-dinner", CommandType.RECORD_PAYMENT, DEBT, RejectionReason.OVERPAYMENT)));

        APIGatewayV2HTTPResponse response = handle("command");

        assertThat(response.getStatusCode()).isEqualTo(200);
        JsonNode body = json(response);
        assertThat(body.get("commandId").asText()).isEqualTo("a1b2c3d4-create-dinner");
        assertThat(body.get("status").asText()).isEqualTo("REJECTED");
        assertThat(body.get("reason").asText()).isEqualTo("OVERPAYMENT");
        assertThat(body.get("debtId").asText()).isEqualTo(DEBT);
        assertThat(body.has("debtVersion")).isFalse();
    }

    @Test
    void command_whenAnotherUsersOrMissing_answers404() {
        when(service.command(any(), any())).thenReturn(Optional.empty());

        APIGatewayV2HTTPResponse response = handle("command");

        assertThat(response.getStatusCode()).isEqualTo(404);
        assertThat(json(response).get("error").get("code").asText()).isEqualTo("NOT_FOUND");
    }

    @Test
    void unknownRoute_whenAuthenticated_answers404() {
        APIGatewayV2HTTPResponse response = handle("unknown-route");

        assertThat(response.getStatusCode()).isEqualTo(404);
        verifyNoInteractions(service);
    }

    @Test
    void summary_whenTheServiceFails_answers500WithoutTheCause() {
        when(service.summary(any())).thenThrow(new IllegalStateException("summaries item user-secret is not valid"));

        APIGatewayV2HTTPResponse response = handle("summary");

        assertThat(response.getStatusCode()).isEqualTo(500);
        assertThat(response.getBody()).doesNotContain("user-secret").contains("Qr7bXkPjoEEJ9w=");
    }

    private APIGatewayV2HTTPResponse handle(String fixture) {
        return handler.handleRequest(ApiGatewayEvents.load("query/" + fixture), new TestLambdaContext("QueryFunction"));
    }

    private DebtListing listingAsked() {
        ArgumentCaptor<DebtListing> listing = ArgumentCaptor.forClass(DebtListing.class);
        verify(service).debts(eq(TestTokens.USER_ID), listing.capture());
        return listing.getValue();
    }

    private static DebtView debtView() {
        return new DebtView(
                DEBT,
                new Counterparty("Alice", null),
                Direction.OWED_TO_ME,
                Money.of(1_000, "EUR"),
                DecimalMoney.of(750, "EUR"),
                DecimalMoney.of(250, "EUR"),
                DecimalMoney.of(0, "EUR"),
                "EUR",
                DebtStatus.OPEN,
                null,
                "Dinner",
                null,
                List.of(),
                0,
                2,
                UPDATED,
                UPDATED);
    }
}
