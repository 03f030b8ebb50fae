package dev.tally.api.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.tally.api.submission.CommandRequests;
import dev.tally.api.submission.CommandSubmissionService;
import dev.tally.api.submission.Submission;
import dev.tally.api.submission.SubmissionOutcome;
import dev.tally.common.auth.AuthenticatedUser;
import dev.tally.common.auth.RequestAuthenticator;
import dev.tally.common.http.ApiException;
import dev.tally.common.http.ApiRequestHandling;
import dev.tally.common.http.ErrorCode;
import dev.tally.common.http.HttpRequest;
import dev.tally.common.observability.TraceAnnotations;
import dev.tally.events.view.CommandAcceptedView;
import java.util.Objects;
import software.amazon.lambda.powertools.logging.Logging;
import software.amazon.lambda.powertools.tracing.Tracing;

/**
 * {@code CommandSubmissionFunction}: the five command routes. Verifies the token (the user is its
 * subject), reads and validates the request, submits it; answers 202 with the status URL.
 */
public final class CommandSubmissionHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

    private final RequestAuthenticator authenticator;
    private final CommandRequests requests;
    private final CommandSubmissionService service;
    private final ApiRequestHandling handling;

    /** The entry point Lambda builds: collaborators made once per container. */
    public CommandSubmissionHandler() {
        this(
                CommandSubmissionFunction.AUTHENTICATOR,
                CommandSubmissionFunction.REQUESTS,
                CommandSubmissionFunction.SERVICE,
                CommandSubmissionFunction.HANDLING);
    }

    CommandSubmissionHandler(
            RequestAuthenticator authenticator,
            CommandRequests requests,
            CommandSubmissionService service,
            ApiRequestHandling handling) {
        this.authenticator = Objects.requireNonNull(authenticator, "authenticator");
        this.requests = Objects.requireNonNull(requests, "requests");
        this.service = Objects.requireNonNull(service, "service");
        this.handling = Objects.requireNonNull(handling, "handling");
    }

    @Override
    @Logging(clearState = true)
    @Tracing
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        TraceAnnotations.invocation(context);
        return handling.handle(event, this::submit);
    }

    private APIGatewayV2HTTPResponse submit(HttpRequest request) {
        AuthenticatedUser user = authenticator.authenticate(request);
        Submission submission = requests.read(request);
        TraceAnnotations.commandType(submission.command().type().name());
        SubmissionOutcome outcome = service.submit(user.userId(), submission);
        if (outcome instanceof SubmissionOutcome.Accepted accepted) {
            CommandAcceptedView view = CommandAcceptedView.accepted(accepted.commandId(), accepted.debtId());
            return handling.responses().accepted(view, view.statusUrl());
        }
        if (outcome instanceof SubmissionOutcome.IdempotencyKeyReused) {
            throw ApiException.idempotencyKeyReused();
        }
        throw new ApiException(ErrorCode.SERVICE_UNAVAILABLE, ErrorCode.SERVICE_UNAVAILABLE.defaultMessage());
    }
}
