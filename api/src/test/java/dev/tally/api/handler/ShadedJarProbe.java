package dev.tally.api.handler;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.tally.common.testing.TestLambdaContext;
import dev.tally.events.TallyJson;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Run in a separate JVM on one api function's shaded jar by {@link ShadedJarSmokeIT} (one jar per
 * function, ADR 0107): builds the handler as Lambda does (public no-argument constructor,
 * configuration and key from the environment and Secrets Manager) and runs its requests.
 * {@code auth TOKEN_FILE} registers and logs in and writes the token to the file (never to the
 * output); {@code submission TOKEN_FILE} creates a debt with it; {@code query TOKEN_FILE} reads the
 * command's status back. Prints statuses and ids only. Uses nothing but the jar, this class and
 * {@link TestLambdaContext}.
 */
public final class ShadedJarProbe {

    static final String PASSWORD = "smoke test password 1";

    private ShadedJarProbe() {}

    public static void main(String[] args) throws Exception {
        Path tokenFile = Path.of(args[1]);
        switch (args[0]) {
            case "auth" -> auth(tokenFile);
            case "submission" -> submission(Files.readString(tokenFile));
            case "query" -> query(Files.readString(tokenFile));
            default -> throw new IllegalArgumentException("unknown probe " + args[0]);
        }
    }

    private static void auth(Path tokenFile) throws Exception {
        AuthHandler auth = new AuthHandler();
        String credentials = "{\"email\": \"smoke@example.com\", \"password\": \"" + PASSWORD + "\"";
        APIGatewayV2HTTPResponse registered = auth.handleRequest(
                event("POST /auth/register", credentials + ", \"displayName\": \"Smoke\"}", Map.of()),
                new TestLambdaContext("AuthFunction"));
        System.out.println("REGISTER=" + registered.getStatusCode());
        APIGatewayV2HTTPResponse loggedIn = auth.handleRequest(
                event("POST /auth/login", credentials + "}", Map.of()), new TestLambdaContext("AuthFunction"));
        System.out.println("LOGIN=" + loggedIn.getStatusCode());
        Files.writeString(
                tokenFile,
                TallyJson.MAPPER
                        .readTree(loggedIn.getBody())
                        .path("accessToken")
                        .asText());
    }

    private static void submission(String token) {
        CommandSubmissionHandler submission = new CommandSubmissionHandler();
        String debt = "{\"counterparty\": {\"name\": \"Grace\"}, \"direction\": \"OWED_TO_ME\","
                + " \"amount\": {\"amount\": \"12.34\", \"currency\": \"EUR\"}}";
        APIGatewayV2HTTPResponse accepted = submission.handleRequest(
                event("POST /debts", debt, Map.of("authorization", "Bearer " + token, "idempotency-key", "smoke-1")),
                new TestLambdaContext("CommandSubmissionFunction"));
        System.out.println("CREATE=" + accepted.getStatusCode() + " LOCATION="
                + accepted.getHeaders().get("Location"));
    }

    private static void query(String token) {
        QueryHandler query = new QueryHandler();
        APIGatewayV2HTTPEvent status =
                event("GET /commands/{commandId}", null, Map.of("authorization", "Bearer " + token));
        status.setRawPath("/commands/smoke-1");
        status.setPathParameters(Map.of("commandId", "smoke-1"));
        APIGatewayV2HTTPResponse command = query.handleRequest(status, new TestLambdaContext("QueryFunction"));
        System.out.println("COMMAND=" + command.getStatusCode());
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
