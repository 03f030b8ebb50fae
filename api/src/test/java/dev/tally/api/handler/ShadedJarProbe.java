package dev.tally.api.handler;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.tally.common.testing.TestLambdaContext;
import dev.tally.events.TallyJson;
import java.util.HashMap;
import java.util.Map;

/**
 * Run in a separate JVM on the shaded function jar by {@link ShadedJarSmokeIT}: builds both
 * handlers as Lambda does (public no-argument constructors, configuration and key from the
 * environment and Secrets Manager), then registers, logs in and creates a debt. Prints statuses
 * and ids only — never the password or the token. Uses nothing but the jar, this class and
 * {@link TestLambdaContext}.
 */
public final class ShadedJarProbe {

    static final String PASSWORD = "smoke test password 1";

    private ShadedJarProbe() {}

    public static void main(String[] args) throws Exception {
        AuthHandler auth = new AuthHandler();
        CommandSubmissionHandler submission = new CommandSubmissionHandler();

        String credentials = "{\"email\": \"smoke@example.com\", \"password\": \"" + PASSWORD + "\"";
        APIGatewayV2HTTPResponse registered = auth.handleRequest(
                event("POST /auth/register", credentials + ", \"displayName\": \"Smoke\"}", Map.of()),
                new TestLambdaContext("AuthFunction"));
        System.out.println("REGISTER=" + registered.getStatusCode());
        APIGatewayV2HTTPResponse loggedIn = auth.handleRequest(
                event("POST /auth/login", credentials + "}", Map.of()), new TestLambdaContext("AuthFunction"));
        System.out.println("LOGIN=" + loggedIn.getStatusCode());
        String token = TallyJson.MAPPER
                .readTree(loggedIn.getBody())
                .path("accessToken")
                .asText();

        String debt = "{\"counterparty\": {\"name\": \"Grace\"}, \"direction\": \"OWED_TO_ME\","
                + " \"amount\": {\"amount\": \"12.34\", \"currency\": \"EUR\"}}";
        APIGatewayV2HTTPResponse accepted = submission.handleRequest(
                event("POST /debts", debt, Map.of("authorization", "Bearer " + token, "idempotency-key", "smoke-1")),
                new TestLambdaContext("CommandSubmissionFunction"));
        System.out.println("CREATE=" + accepted.getStatusCode() + " LOCATION="
                + accepted.getHeaders().get("Location"));
    }

    private static APIGatewayV2HTTPEvent event(String routeKey, String body, Map<String, String> extraHeaders) {
        Map<String, String> headers = new HashMap<>(extraHeaders);
        headers.put("content-type", "application/json");
        return APIGatewayV2HTTPEvent.builder()
                .withVersion("2.0")
                .withRouteKey(routeKey)
                .withRawPath(routeKey.substring(routeKey.indexOf(' ') + 1))
                .withHeaders(headers)
                .withBody(body)
                .withIsBase64Encoded(false)
                .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder()
                        .withRequestId("smoke-" + routeKey.hashCode())
                        .withRouteKey(routeKey)
                        .build())
                .build();
    }
}
