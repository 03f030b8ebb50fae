package dev.tally.common.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;

class ApiRequestHandlingTest {

    private static final String SECRET_TEXT = "password=hunter2 token=eyJhbGciOiJIUzI1NiJ9 table=tally-users";

    private final ObjectMapper mapper = new ObjectMapper();
    private final ApiRequestHandling handling = new ApiRequestHandling(new ApiResponses(mapper));

    @Test
    void handle_whenWorkSucceeds_returnsItsAnswer() {
        APIGatewayV2HTTPResponse response = handling.handle(
                event("req-1"), request -> handling.responses().ok(Map.of("route", request.routeKey())));

        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(response.getBody()).isEqualTo("{\"route\":\"GET /summary\"}");
    }

    @Test
    void handle_whenUnexpectedException_answers500WithoutItsText() throws Exception {
        APIGatewayV2HTTPResponse response = handling.handle(event("req-2"), request -> {
            throw new IllegalStateException(SECRET_TEXT, new UncheckedIOException(new IOException(SECRET_TEXT)));
        });

        assertThat(response.getStatusCode()).isEqualTo(500);
        assertThat(response.getBody())
                .doesNotContain("hunter2")
                .doesNotContain("eyJ")
                .doesNotContain("tally-users")
                .doesNotContain("IllegalStateException");
        JsonNode body = mapper.readTree(response.getBody());
        assertThat(body.at("/error/code").asText()).isEqualTo("INTERNAL_ERROR");
        assertThat(body.at("/error/requestId").asText()).isEqualTo("req-2");
        assertThat(response.getHeaders().values()).noneMatch(value -> value.contains("hunter2"));
    }

    @Test
    void handle_whenAnAwsCallTimedOut_answers503RetryWithTheSameKey() throws Exception {
        APIGatewayV2HTTPResponse response = handling.handle(event("req-6"), request -> {
            throw ApiCallTimeoutException.create(5000);
        });

        assertThat(response.getStatusCode()).isEqualTo(503);
        JsonNode body = mapper.readTree(response.getBody());
        assertThat(body.at("/error/code").asText()).isEqualTo("SERVICE_UNAVAILABLE");
        assertThat(body.at("/error/message").asText()).contains("Idempotency-Key");
        assertThat(body.at("/error/requestId").asText()).isEqualTo("req-6");
    }

    @Test
    void handle_whenAnAttemptTimedOutOrTheConnectionFailed_answers503() {
        assertThat(handling.handle(event("req-7"), request -> {
                            throw ApiCallAttemptTimeoutException.create(2000);
                        })
                        .getStatusCode())
                .isEqualTo(503);
        assertThat(handling.handle(event("req-8"), request -> {
                            throw SdkClientException.create(SECRET_TEXT, new ConnectException(SECRET_TEXT));
                        })
                        .getStatusCode())
                .isEqualTo(503);
        assertThat(handling.handle(event("req-9"), request -> {
                            throw new IllegalStateException("wrapped", ApiCallTimeoutException.create(5000));
                        })
                        .getStatusCode())
                .isEqualTo(503);
    }

    @Test
    void handle_whenTheSdkCannotBuildTheRequest_stillAnswers500() {
        APIGatewayV2HTTPResponse response = handling.handle(event("req-10"), request -> {
            throw SdkClientException.create("Unable to marshall request", new IllegalArgumentException("no key"));
        });

        assertThat(response.getStatusCode()).isEqualTo(500);
    }

    @Test
    void handle_whenUnexpectedException_logsItsClassAndOriginButNotItsText() {
        try (CapturedLogs logs = CapturedLogs.capture()) {
            handling.handle(event("req-5"), request -> {
                throw new IllegalStateException(SECRET_TEXT);
            });

            assertThat(logs.lines())
                    .anySatisfy(line -> assertThat(line)
                            .contains("java.lang.IllegalStateException")
                            .contains("req-5")
                            .contains("ApiRequestHandlingTest"));
            assertThat(logs.lines()).noneMatch(line -> line.contains("hunter2") || line.contains("eyJ"));
        }
    }

    @Test
    void handle_whenApiException_answersItsError() throws Exception {
        APIGatewayV2HTTPResponse response = handling.handle(event("req-3"), request -> {
            throw ApiException.notFound("No debt debt-9 here.");
        });

        assertThat(response.getStatusCode()).isEqualTo(404);
        assertThat(mapper.readTree(response.getBody()).at("/error/message").asText())
                .isEqualTo("No debt debt-9 here.");
    }

    @Test
    void handle_whenEventItselfIsBroken_stillAnswersWithTheRequestId() throws Exception {
        APIGatewayV2HTTPEvent broken = event("req-4");
        broken.setBody("%%%");
        broken.setIsBase64Encoded(true);

        APIGatewayV2HTTPResponse response =
                handling.handle(broken, request -> handling.responses().ok(Map.of()));

        assertThat(response.getStatusCode()).isEqualTo(400);
        assertThat(mapper.readTree(response.getBody()).at("/error/requestId").asText())
                .isEqualTo("req-4");
    }

    @Test
    void origin_namesWhereTheFailureWasThrownWithoutItsMessage() {
        String origin = ApiRequestHandling.origin(new IllegalStateException(SECRET_TEXT));

        assertThat(origin)
                .contains("ApiRequestHandlingTest.origin_namesWhereTheFailureWasThrownWithoutItsMessage")
                .doesNotContain("hunter2");
    }

    private static APIGatewayV2HTTPEvent event(String requestId) {
        APIGatewayV2HTTPEvent event = new APIGatewayV2HTTPEvent();
        event.setRouteKey("GET /summary");
        APIGatewayV2HTTPEvent.RequestContext context = new APIGatewayV2HTTPEvent.RequestContext();
        context.setRequestId(requestId);
        event.setRequestContext(context);
        return event;
    }
}
