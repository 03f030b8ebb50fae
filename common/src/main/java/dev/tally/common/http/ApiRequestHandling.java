package dev.tally.common.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.util.Arrays;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * The one template every HTTP handler runs its work in: converts the event to an
 * {@link HttpRequest}, answers an {@link ApiException} with its {@link ApiError}, and answers
 * anything unexpected with a 500 carrying only the generic message and the request id.
 *
 * <p>An unexpected exception is logged with its class and where it was thrown, never its
 * message (which may quote a payload, a token or personal data).
 */
public final class ApiRequestHandling {

    private static final Logger LOG = LogManager.getLogger(ApiRequestHandling.class);
    private static final int FRAMES_LOGGED = 5;

    private final ApiResponses responses;

    /** Handling that answers through the given responses. */
    public ApiRequestHandling(ApiResponses responses) {
        this.responses = Objects.requireNonNull(responses, "responses");
    }

    /** Runs the work for one request and always returns an answer. */
    public APIGatewayV2HTTPResponse handle(
            APIGatewayV2HTTPEvent event, Function<HttpRequest, APIGatewayV2HTTPResponse> work) {
        String requestId = requestIdOf(event);
        try {
            return work.apply(HttpRequest.from(event));
        } catch (ApiException refused) {
            LOG.info(
                    "request refused code={} status={} requestId={}",
                    refused.code(),
                    refused.code().status(),
                    requestId);
            return responses.error(refused, requestId);
        } catch (RuntimeException unexpected) {
            LOG.error(
                    "request failed exception={} at={} requestId={}",
                    unexpected.getClass().getName(),
                    origin(unexpected),
                    requestId);
            return responses.internalError(requestId);
        }
    }

    /** The responses this handling answers with (for the success answers of the work). */
    public ApiResponses responses() {
        return responses;
    }

    static String origin(Throwable failure) {
        return Arrays.stream(failure.getStackTrace())
                .limit(FRAMES_LOGGED)
                .map(frame -> frame.getClassName() + "." + frame.getMethodName() + ":" + frame.getLineNumber())
                .collect(Collectors.joining(" < "));
    }

    private static String requestIdOf(APIGatewayV2HTTPEvent event) {
        if (event == null
                || event.getRequestContext() == null
                || event.getRequestContext().getRequestId() == null) {
            return "unknown";
        }
        return event.getRequestContext().getRequestId();
    }
}
