package dev.tally.api.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.tally.api.query.DebtListing;
import dev.tally.api.query.QueryService;
import dev.tally.common.auth.RequestAuthenticator;
import dev.tally.common.http.ApiException;
import dev.tally.common.http.ApiRequestHandling;
import dev.tally.common.http.HttpRequest;
import dev.tally.common.observability.TraceAnnotations;
import java.util.Objects;
import software.amazon.lambda.powertools.logging.Logging;
import software.amazon.lambda.powertools.tracing.Tracing;

/**
 * {@code QueryFunction}: {@code GET /summary}, {@code GET /debts}, {@code GET /debts/{debtId}} and
 * {@code GET /commands/{commandId}}, routed by route key. Verifies the token; the user is its subject
 * and every read is of that user's own data (another user's debt or command is 404 as a missing one).
 */
public final class QueryHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

    static final String SUMMARY = "GET /summary";
    static final String DEBTS = "GET /debts";
    static final String DEBT = "GET /debts/{debtId}";
    static final String COMMAND = "GET /commands/{commandId}";

    private final RequestAuthenticator authenticator;
    private final QueryService service;
    private final ApiRequestHandling handling;

    /** The entry point Lambda builds: collaborators made once per container. */
    public QueryHandler() {
        this(QueryFunction.AUTHENTICATOR, QueryFunction.SERVICE, QueryFunction.HANDLING);
    }

    QueryHandler(RequestAuthenticator authenticator, QueryService service, ApiRequestHandling handling) {
        this.authenticator = Objects.requireNonNull(authenticator, "authenticator");
        this.service = Objects.requireNonNull(service, "service");
        this.handling = Objects.requireNonNull(handling, "handling");
    }

    @Override
    @Logging(clearState = true)
    @Tracing
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        TraceAnnotations.invocation(context);
        return handling.handle(event, this::query);
    }

    private APIGatewayV2HTTPResponse query(HttpRequest request) {
        String userId = authenticator.authenticate(request).userId();
        Object body = switch (request.routeKey()) {
            case SUMMARY -> service.summary(userId);
            case DEBTS -> service.debts(userId, DebtListing.from(request));
            case DEBT ->
                service.debt(userId, request.pathParameter("debtId"))
                        .orElseThrow(() -> ApiException.notFound("No debt with this id."));
            case COMMAND ->
                service.command(userId, request.pathParameter("commandId"))
                        .orElseThrow(() -> ApiException.notFound("No command with this id."));
            default -> throw ApiException.notFound("No such route.");
        };
        return handling.responses().ok(body);
    }
}
