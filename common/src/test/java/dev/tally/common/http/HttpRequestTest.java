package dev.tally.common.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import dev.tally.events.FieldProblem;
import dev.tally.events.Limits;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HttpRequestTest {

    @Test
    void from_whenBodyBase64Encoded_decodesItAsUtf8() {
        HttpRequest request =
                HttpRequest.from(EventLoader.loadApiGatewayHttpEvent("events/apigateway/post-payment-base64.json"));

        assertThat(request.body())
                .contains("{\"amount\":{\"amount\":\"12.34\",\"currency\":\"EUR\"},\"note\":\"Café\"}");
        assertThat(request.routeKey()).isEqualTo("POST /debts/{debtId}/payments");
        assertThat(request.pathParameter("debtId")).isEqualTo("0190f3c2-7b1a-7cc0-8f00-1a2b3c4d5e6f");
        assertThat(request.requestId()).isEqualTo("JKJaXmPLvHcESHA=");
    }

    @Test
    void header_isLookedUpCaseInsensitively() {
        HttpRequest lower =
                HttpRequest.from(EventLoader.loadApiGatewayHttpEvent("events/apigateway/post-payment-base64.json"));
        HttpRequest mixed =
                HttpRequest.from(EventLoader.loadApiGatewayHttpEvent("events/apigateway/get-debts-query.json"));

        assertThat(lower.header("Idempotency-Key")).contains("5b0c4f3e-2f6b-4c43-9b8e-0d8f5f6e7a11");
        assertThat(lower.header("IDEMPOTENCY-KEY")).isEqualTo(lower.header("idempotency-key"));
        assertThat(mixed.header("x-custom-header")).contains("v1");
        assertThat(mixed.header("absent")).isEmpty();
    }

    @Test
    void queryParameter_readsTheQueryString() {
        HttpRequest request =
                HttpRequest.from(EventLoader.loadApiGatewayHttpEvent("events/apigateway/get-debts-query.json"));

        assertThat(request.queryParameter("status")).contains("OPEN");
        assertThat(request.queryParameter("limit")).contains("20");
        assertThat(request.queryParameter("cursor")).isEmpty();
        assertThat(request.body()).isEmpty();
    }

    @Test
    void bearerToken_whenSchemeInAnyCase_returnsTheToken() {
        assertThat(HttpRequest.from(EventLoader.loadApiGatewayHttpEvent("events/apigateway/get-debts-query.json"))
                        .bearerToken())
                .contains("token-value");
        assertThat(HttpRequest.from(EventLoader.loadApiGatewayHttpEvent("events/apigateway/post-payment-base64.json"))
                        .bearerToken())
                .contains("eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ1In0.c2ln");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "Bearer abc|abc",
                "bearer abc|abc",
                "BeArEr   abc  |abc",
                "Basic abc|",
                "Bearer|",
                "Bearer |",
                "Bearer a b|",
                "Bearerabc|",
                "abc|"
            })
    void bearerTokenOf_parsesOnlyTheBearerScheme(String header, String expected) {
        assertThat(HttpRequest.bearerTokenOf(header)).isEqualTo(Optional.ofNullable(expected));
    }

    @Test
    void from_whenBase64BodyCorrupt_isMalformed() {
        APIGatewayV2HTTPEvent event = EventLoader.loadApiGatewayHttpEvent("events/apigateway/malformed-base64.json");

        ApiException refused = catchThrowableOfType(ApiException.class, () -> HttpRequest.from(event));

        assertThat(refused.code()).isEqualTo(ErrorCode.MALFORMED_JSON);
    }

    @Test
    void requireJsonBody_checksTypeSizeAndPresence() {
        assertThat(request(Map.of("Content-Type", "application/json"), "{}").requireJsonBody(10))
                .isEqualTo("{}");
        assertThat(request(Map.of(), "{}").requireJsonBody(10)).isEqualTo("{}");
        assertThat(request(Map.of("content-type", "application/merge-patch+json"), "{}")
                        .requireJsonBody(10))
                .isEqualTo("{}");

        assertThat(codeOf(() ->
                        request(Map.of("Content-Type", "text/plain"), "{}").requireJsonBody(10)))
                .isEqualTo(ErrorCode.UNSUPPORTED_MEDIA_TYPE);
        assertThat(codeOf(() -> request(Map.of(), "{\"a\":\"éé\"}").requireJsonBody(10)))
                .isEqualTo(ErrorCode.PAYLOAD_TOO_LARGE);
        assertThat(codeOf(() -> request(Map.of(), null).requireJsonBody(10))).isEqualTo(ErrorCode.MALFORMED_JSON);
        assertThat(codeOf(() -> request(Map.of(), "  ").requireJsonBody(10))).isEqualTo(ErrorCode.MALFORMED_JSON);
    }

    @Test
    void requireJsonBody_countsTheLimitInUtf8BytesAndNamesTheBody() {
        String ascii = "{\"a\":\"" + "x".repeat(Limits.BODY_MAX - 8) + "\"}";
        // Fewer characters than the limit, more bytes: each 'é' is two bytes of UTF-8.
        String twoByte = "{\"a\":\"" + "é".repeat(Limits.BODY_MAX / 2) + "\"}";

        assertThat(ascii.getBytes(StandardCharsets.UTF_8)).hasSize(Limits.BODY_MAX);
        assertThat(request(Map.of(), ascii).requireJsonBody()).isEqualTo(ascii);
        assertThat(twoByte.length()).isLessThan(Limits.BODY_MAX);
        ApiException refused = catchThrowableOfType(
                ApiException.class, () -> request(Map.of(), twoByte).requireJsonBody());
        assertThat(refused.code()).isEqualTo(ErrorCode.PAYLOAD_TOO_LARGE);
        assertThat(refused.fields())
                .containsExactly(new FieldProblem("body", "must be at most " + Limits.BODY_MAX + " bytes of UTF-8"));
    }

    @Test
    void requireJsonBody_whenEmpty_namesTheBody() {
        ApiException refused = catchThrowableOfType(
                ApiException.class, () -> request(Map.of(), "").requireJsonBody());

        assertThat(refused.code()).isEqualTo(ErrorCode.MALFORMED_JSON);
        assertThat(refused.fields()).containsExactly(new FieldProblem("body", "is empty: send a JSON object"));
    }

    @Test
    void pathParameter_whenRouteHasNone_isAWiringError() {
        assertThatThrownBy(() -> request(Map.of(), null).pathParameter("debtId"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("debtId");
    }

    @Test
    void from_whenEventNearlyEmpty_hasSafeDefaults() {
        HttpRequest request = HttpRequest.from(new APIGatewayV2HTTPEvent());

        assertThat(request.requestId()).isEqualTo("unknown");
        assertThat(request.routeKey()).isEmpty();
        assertThat(request.bearerToken()).isEmpty();
    }

    private static ErrorCode codeOf(Runnable action) {
        return catchThrowableOfType(ApiException.class, action::run).code();
    }

    private static HttpRequest request(Map<String, String> headers, String body) {
        APIGatewayV2HTTPEvent event = new APIGatewayV2HTTPEvent();
        event.setRouteKey("POST /debts");
        event.setHeaders(headers);
        event.setBody(body);
        return HttpRequest.from(event);
    }
}
