package dev.tally.api.testing;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import java.util.HashMap;
import java.util.Map;

/**
 * Loads the API Gateway HTTP API (payload 2.0) fixtures of {@code events/apigw/} and fills their
 * token placeholders ({@code ${ACCESS_TOKEN}}, {@code ${EXPIRED_TOKEN}}, {@code ${FOREIGN_TOKEN}})
 * with tokens signed now.
 */
public final class ApiGatewayEvents {

    private ApiGatewayEvents() {}

    /** The fixture {@code events/apigw/<name>.json} with real tokens. */
    public static APIGatewayV2HTTPEvent load(String name) {
        APIGatewayV2HTTPEvent event = EventLoader.loadApiGatewayHttpEvent("events/apigw/" + name + ".json");
        if (event.getHeaders() != null) {
            Map<String, String> headers = new HashMap<>(event.getHeaders());
            headers.computeIfPresent(
                    "authorization",
                    (header, value) -> value.replace("${ACCESS_TOKEN}", TestTokens.valid())
                            .replace("${EXPIRED_TOKEN}", TestTokens.expired())
                            .replace("${FOREIGN_TOKEN}", TestTokens.foreign()));
            event.setHeaders(headers);
        }
        return event;
    }

    /** The fixture with one header set (or replaced). */
    public static APIGatewayV2HTTPEvent withHeader(APIGatewayV2HTTPEvent event, String name, String value) {
        Map<String, String> headers = new HashMap<>(event.getHeaders());
        headers.put(name, value);
        event.setHeaders(headers);
        return event;
    }
}
