package dev.tally.api.handler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import dev.tally.api.auth.AuthRequests;
import dev.tally.api.auth.AuthService;
import dev.tally.api.auth.Login;
import dev.tally.api.auth.LoginRequest;
import dev.tally.api.auth.RegisterRequest;
import dev.tally.api.auth.Registration;
import dev.tally.api.testing.ApiGatewayEvents;
import dev.tally.common.auth.IssuedToken;
import dev.tally.common.http.ApiRequestHandling;
import dev.tally.common.http.ApiResponses;
import dev.tally.common.testing.TestLambdaContext;
import dev.tally.contract.ApiContract;
import dev.tally.events.TallyJson;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.mockito.ArgumentCaptor;

class AuthHandlerTest {

    private static final String USER_ID = "6b1f0c2e-7d4a-4c1b-9f3e-2a5d8c7b1e90";

    private final AuthService service = mock(AuthService.class);
    private final RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> handler = ApiContract.checked(
            new AuthHandler(service, new AuthRequests(), new ApiRequestHandling(new ApiResponses(TallyJson.MAPPER))));

    @ParameterizedTest
    @ValueSource(strings = {"auth-register", "auth-register-base64"})
    void register_whenBodyIsValid_answers201WithTheUserIdAndPassesTheNormalisedRequest(String fixture) {
        when(service.register(any())).thenReturn(new Registration.Registered(USER_ID));

        APIGatewayV2HTTPResponse response = handle(fixture);

        assertThat(response.getStatusCode()).isEqualTo(201);
        assertThat(response.getHeaders()).containsEntry("Content-Type", "application/json");
        assertThat(json(response).get("userId").asText()).isEqualTo(USER_ID);
        ArgumentCaptor<RegisterRequest> request = ArgumentCaptor.forClass(RegisterRequest.class);
        verify(service).register(request.capture());
        assertThat(request.getValue().email()).isEqualTo("ada.lovelace@example.com");
        assertThat(request.getValue().password()).isEqualTo("correct horse battery staple");
        assertThat(request.getValue().displayName()).isEqualTo("Ada Lovelace");
    }

    @Test
    void register_whenEveryFieldIsInvalid_answers400NamingEachFieldAndNeverRegisters() {
        APIGatewayV2HTTPResponse response = handle("auth-register-invalid");

        assertThat(response.getStatusCode()).isEqualTo(400);
        JsonNode error = json(response).get("error");
        assertThat(error.get("code").asText()).isEqualTo("VALIDATION_FAILED");
        assertThat(fields(error)).containsExactlyInAnyOrder("email", "password", "displayName");
        assertThat(error.get("requestId").asText()).isNotBlank();
        verifyNoInteractions(service);
    }

    @ParameterizedTest
    @ValueSource(strings = {"auth-register-malformed-json", "auth-register-missing-body", "auth-login-malformed-json"})
    void authRoutes_whenBodyIsNotJson_answer400MalformedJson(String fixture) {
        APIGatewayV2HTTPResponse response = handle(fixture);

        assertThat(response.getStatusCode()).isEqualTo(400);
        assertThat(json(response).get("error").get("code").asText()).isEqualTo("MALFORMED_JSON");
        verifyNoInteractions(service);
    }

    @Test
    void register_whenEmailIsTaken_answers409EmailTaken() {
        when(service.register(any())).thenReturn(new Registration.EmailTaken());

        APIGatewayV2HTTPResponse response = handle("auth-register");

        assertThat(response.getStatusCode()).isEqualTo(409);
        assertThat(json(response).get("error").get("code").asText()).isEqualTo("EMAIL_TAKEN");
    }

    @Test
    void login_whenCredentialsMatch_answers200WithABearerToken() {
        IssuedToken token =
                new IssuedToken("header.payload.signature", Duration.ofHours(1), Instant.parse("2026-11-27T11:15:30Z"));
        when(service.login(any(), any())).thenReturn(new Login.LoggedIn(token));

        APIGatewayV2HTTPResponse response = handle("auth-login");

        assertThat(response.getStatusCode()).isEqualTo(200);
        JsonNode body = json(response);
        assertThat(body.get("accessToken").asText()).isEqualTo("header.payload.signature");
        assertThat(body.get("tokenType").asText()).isEqualTo("Bearer");
        assertThat(body.get("expiresIn").asLong()).isEqualTo(3600);
        ArgumentCaptor<LoginRequest> request = ArgumentCaptor.forClass(LoginRequest.class);
        verify(service).login(request.capture(), any());
        assertThat(request.getValue().email()).isEqualTo("ada.lovelace@example.com");
    }

    @ParameterizedTest
    @ValueSource(strings = {"auth-login", "auth-login-invalid"})
    void login_whenCredentialsDoNotMatch_answersTheOne401(String fixture) {
        when(service.login(any(), any())).thenReturn(new Login.InvalidCredentials());

        APIGatewayV2HTTPResponse response = handle(fixture);

        assertThat(response.getStatusCode()).isEqualTo(401);
        JsonNode error = json(response).get("error");
        assertThat(error.get("code").asText()).isEqualTo("UNAUTHORIZED");
        assertThat(error.get("message").asText()).isEqualTo(AuthHandler.BAD_CREDENTIALS);
        assertThat(error.has("fields")).isFalse();
    }

    @Test
    void login_whenThrottled_answers429WithRetryAfter() {
        when(service.login(any(), any())).thenReturn(new Login.Throttled(Duration.ofSeconds(120)));

        APIGatewayV2HTTPResponse response = handle("auth-login");

        assertThat(response.getStatusCode()).isEqualTo(429);
        assertThat(response.getHeaders()).containsEntry("Retry-After", "120");
        assertThat(json(response).get("error").get("code").asText()).isEqualTo("TOO_MANY_REQUESTS");
        verify(service).login(any(), org.mockito.ArgumentMatchers.eq(sourceIpOf("auth-login")));
    }

    private static String sourceIpOf(String fixture) {
        return ApiGatewayEvents.load(fixture).getRequestContext().getHttp().getSourceIp();
    }

    @Test
    void register_whenTheServiceFailsUnexpectedly_answers500WithoutTheExceptionText() {
        when(service.register(any())).thenThrow(new IllegalStateException("users table ada@example.com exploded"));

        APIGatewayV2HTTPResponse response = handle("auth-register");

        assertThat(response.getStatusCode()).isEqualTo(500);
        assertThat(response.getBody())
                .doesNotContain("exploded")
                .doesNotContain("ada@example.com")
                .doesNotContain("IllegalStateException");
        assertThat(json(response).get("error").get("requestId").asText()).isEqualTo("Vx01aHkPjoEEJ9w=");
    }

    @Test
    void handleRequest_whenRouteIsNotAnAuthRoute_answers404() {
        assertThat(handle("unknown-route").getStatusCode()).isEqualTo(404);
        verifyNoInteractions(service);
    }

    private APIGatewayV2HTTPResponse handle(String fixture) {
        return handler.handleRequest(ApiGatewayEvents.load(fixture), new TestLambdaContext("AuthFunction"));
    }

    static JsonNode json(APIGatewayV2HTTPResponse response) {
        try {
            return TallyJson.MAPPER.readTree(response.getBody());
        } catch (java.io.IOException e) {
            throw new AssertionError("answer is not JSON: " + response.getBody(), e);
        }
    }

    static List<String> fields(JsonNode error) {
        List<String> names = new ArrayList<>();
        error.get("fields").forEach(field -> names.add(field.get("field").asText()));
        return names;
    }
}
