package dev.tally.api.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.tally.api.auth.AuthRequests;
import dev.tally.api.auth.AuthService;
import dev.tally.api.auth.Login;
import dev.tally.api.auth.RegisteredView;
import dev.tally.api.auth.Registration;
import dev.tally.api.auth.TokenView;
import dev.tally.common.http.ApiException;
import dev.tally.common.http.ApiRequestHandling;
import dev.tally.common.http.ErrorCode;
import dev.tally.common.http.HttpRequest;
import dev.tally.common.observability.TraceAnnotations;
import java.util.Objects;
import software.amazon.lambda.powertools.logging.Logging;
import software.amazon.lambda.powertools.tracing.Tracing;

/** {@code AuthFunction}: {@code POST /auth/register} (201, 409) and {@code POST /auth/login} (200, 401, 429). */
public final class AuthHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

    static final String REGISTER = "POST /auth/register";
    static final String LOGIN = "POST /auth/login";
    static final String BAD_CREDENTIALS = "The e-mail or password is incorrect.";

    private final AuthService service;
    private final AuthRequests requests;
    private final ApiRequestHandling handling;

    /** The entry point Lambda builds: collaborators made once per container. */
    public AuthHandler() {
        this(AuthFunction.SERVICE, AuthFunction.REQUESTS, AuthFunction.HANDLING);
    }

    AuthHandler(AuthService service, AuthRequests requests, ApiRequestHandling handling) {
        this.service = Objects.requireNonNull(service, "service");
        this.requests = Objects.requireNonNull(requests, "requests");
        this.handling = Objects.requireNonNull(handling, "handling");
    }

    @Override
    @Logging(clearState = true)
    @Tracing
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        TraceAnnotations.invocation(context);
        return handling.handle(event, request -> switch (request.routeKey()) {
            case REGISTER -> register(request);
            case LOGIN -> login(request);
            default -> throw ApiException.notFound("There is no auth route " + request.routeKey() + ".");
        });
    }

    private APIGatewayV2HTTPResponse register(HttpRequest request) {
        Registration outcome = service.register(requests.register(request.requireJsonBody()));
        if (outcome instanceof Registration.Registered registered) {
            return handling.responses().created(new RegisteredView(registered.userId()));
        }
        throw new ApiException(ErrorCode.EMAIL_TAKEN, ErrorCode.EMAIL_TAKEN.defaultMessage());
    }

    private APIGatewayV2HTTPResponse login(HttpRequest request) {
        Login outcome = service.login(requests.login(request.requireJsonBody()), request.sourceIp());
        if (outcome instanceof Login.LoggedIn loggedIn) {
            return handling.responses().ok(TokenView.of(loggedIn.token()));
        }
        if (outcome instanceof Login.Throttled throttled) {
            throw ApiException.tooManyRequests(throttled.retryAfter().toSeconds());
        }
        throw new ApiException(ErrorCode.UNAUTHORIZED, BAD_CREDENTIALS);
    }
}
