package dev.tally.api.handler;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import dev.tally.common.auth.JwtIssuer;
import dev.tally.common.auth.JwtKeySource;
import dev.tally.common.config.JwtSettings;
import java.time.Duration;
import java.util.Map;

/**
 * What the api functions' SnapStart priming sends through their real code paths: a request event
 * like API Gateway's, and a token for a user that cannot exist (signed with the function's own key,
 * in memory: nothing is written anywhere).
 */
final class ApiPriming {

    /** No registered user has this id (registration assigns UUIDs). */
    static final String USER_ID = "priming-user-that-cannot-exist";

    private ApiPriming() {}

    /** An access token for {@link #USER_ID}, valid for a minute. */
    static String token(JwtSettings settings, JwtKeySource keys) {
        return new JwtIssuer(settings, keys, Duration.ofMinutes(1))
                .issue(USER_ID)
                .accessToken();
    }

    /** An HTTP API (payload 2.0) request event. */
    static APIGatewayV2HTTPEvent request(String routeKey, String path, String token, String body) {
        String method = routeKey.substring(0, routeKey.indexOf(' '));
        return APIGatewayV2HTTPEvent.builder()
                .withVersion("2.0")
                .withRouteKey(routeKey)
                .withRawPath(path)
                .withRawQueryString("")
                .withHeaders(
                        token == null
                                ? Map.of("content-type", "application/json")
                                : Map.of("content-type", "application/json", "authorization", "Bearer " + token))
                .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder()
                        .withRequestId("priming")
                        .withRouteKey(routeKey)
                        .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder()
                                .withMethod(method)
                                .withPath(path)
                                .build())
                        .build())
                .withBody(body)
                .withIsBase64Encoded(false)
                .build();
    }
}
