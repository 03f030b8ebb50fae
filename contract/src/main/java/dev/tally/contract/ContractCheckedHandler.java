package dev.tally.contract;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.util.Objects;

/** A handler that checks every request and answer against the contract (throws {@link AssertionError}). */
final class ContractCheckedHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

    private final ApiContract contract;
    private final RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> handler;

    ContractCheckedHandler(
            ApiContract contract, RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> handler) {
        this.contract = Objects.requireNonNull(contract, "contract");
        this.handler = Objects.requireNonNull(handler, "handler");
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        APIGatewayV2HTTPResponse response = handler.handleRequest(event, context);
        if (event.getRouteKey() != null && !contract.routeKeys().contains(event.getRouteKey())) {
            contract.assertUndocumentedRouteRefused(event.getRouteKey(), response.getStatusCode());
        } else {
            contract.assertConforms(Exchange.of(event, response));
        }
        return response;
    }
}
