package dev.tally.common.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tally.events.FieldProblem;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ApiResponsesTest {

    private final ObjectMapper mapper = new ObjectMapper();
    private final ApiResponses responses = new ApiResponses(mapper);

    @ParameterizedTest
    @CsvSource({
        "VALIDATION_FAILED,400",
        "MALFORMED_JSON,400",
        "UNAUTHORIZED,401",
        "NOT_FOUND,404",
        "EMAIL_TAKEN,409",
        "PAYLOAD_TOO_LARGE,413",
        "UNSUPPORTED_MEDIA_TYPE,415",
        "IDEMPOTENCY_KEY_REUSED,422",
        "INTERNAL_ERROR,500"
    })
    void error_mapsEachCodeToItsStatus(ErrorCode code, int status) throws Exception {
        APIGatewayV2HTTPResponse response = responses.error(new ApiError(code, "msg", List.of(), "req-1"));

        assertThat(response.getStatusCode()).isEqualTo(status);
        assertThat(response.getHeaders()).containsEntry("Content-Type", "application/json");
        assertThat(mapper.readTree(response.getBody()).at("/error/code").asText())
                .isEqualTo(code.name());
    }

    @Test
    void error_whenValidationFailed_listsEachFieldAndProblem() throws Exception {
        ApiException refused = ApiException.validationFailed(List.of(
                new FieldProblem("amount.currency", "must be an ISO-4217 code"),
                new FieldProblem("counterparty.name", "must not be blank")));

        APIGatewayV2HTTPResponse response = responses.error(refused, "req-7");

        assertThat(response.getStatusCode()).isEqualTo(400);
        assertThat(mapper.readTree(response.getBody())).isEqualTo(mapper.readTree("""
                {"error": {"code": "VALIDATION_FAILED", "message": "The request has invalid fields.",
                  "fields": [{"field": "amount.currency", "problem": "must be an ISO-4217 code"},
                             {"field": "counterparty.name", "problem": "must not be blank"}],
                  "requestId": "req-7"}}"""));
    }

    @Test
    void error_whenNoFieldProblems_omitsFields() throws Exception {
        JsonNode body = mapper.readTree(
                responses.error(ApiException.notFound("No such debt."), "req-2").getBody());

        assertThat(body)
                .isEqualTo(mapper.readTree(
                        "{\"error\":{\"code\":\"NOT_FOUND\",\"message\":\"No such debt.\",\"requestId\":\"req-2\"}}"));
    }

    @Test
    void error_whenUnauthorized_asksForABearerToken() {
        APIGatewayV2HTTPResponse response = responses.error(ApiException.unauthorized(), "req-3");

        assertThat(response.getStatusCode()).isEqualTo(401);
        assertThat(response.getHeaders()).containsEntry("WWW-Authenticate", "Bearer");
    }

    @Test
    void error_whenIdempotencyKeyReused_is422() throws Exception {
        APIGatewayV2HTTPResponse response = responses.error(ApiException.idempotencyKeyReused(), "req-4");

        assertThat(response.getStatusCode()).isEqualTo(422);
        assertThat(mapper.readTree(response.getBody()).at("/error/code").asText())
                .isEqualTo("IDEMPOTENCY_KEY_REUSED");
    }

    @Test
    void accepted_isA202WithLocationAndJsonBody() throws Exception {
        APIGatewayV2HTTPResponse response =
                responses.accepted(Map.of("commandId", "c-1", "status", "ACCEPTED"), "/commands/c-1");

        assertThat(response.getStatusCode()).isEqualTo(202);
        assertThat(response.getHeaders())
                .containsEntry("Location", "/commands/c-1")
                .containsEntry("Content-Type", "application/json");
        assertThat(mapper.readTree(response.getBody()).get("commandId").asText())
                .isEqualTo("c-1");
    }

    @Test
    void json_serialisesRecords() throws Exception {
        record Token(String accessToken, String tokenType, long expiresIn) {}

        APIGatewayV2HTTPResponse response = responses.ok(new Token("t", "Bearer", 3600));

        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(mapper.readTree(response.getBody()))
                .isEqualTo(mapper.readTree("{\"accessToken\":\"t\",\"tokenType\":\"Bearer\",\"expiresIn\":3600}"));
        assertThat(response.getHeaders()).containsEntry("Cache-Control", "no-store");
    }

    @Test
    void internalError_saysOnlyTheGenericMessageAndRequestId() throws Exception {
        JsonNode body = mapper.readTree(responses.internalError("req-9").getBody());

        assertThat(body.at("/error/message").asText()).isEqualTo(ErrorCode.INTERNAL_ERROR.defaultMessage());
        assertThat(body.at("/error/requestId").asText()).isEqualTo("req-9");
    }
}
