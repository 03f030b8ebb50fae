package dev.tally.common.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.io.IOException;
import java.util.Arrays;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;

/**
 * The one template every HTTP handler runs its work in: converts the event to an
 * {@link HttpRequest}, answers an {@link ApiException} with its {@link ApiError}, a dependency that
 * did not answer (an SDK call timed out or its connection failed) with a 503
 * {@code SERVICE_UNAVAILABLE} — transient, retried with the same {@code Idempotency-Key}, as the API
 * contract says (ADR 0156) — and anything else unexpected with a 500 carrying only the generic
 * message and the request id.
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
            if (dependencyUnanswered(unexpected)) {
                LOG.error(
                        "request failed, a dependency did not answer (answered 503) exception={} at={} requestId={}",
                        unexpected.getClass().getName(),
                        origin(unexpected),
                        requestId);
                return responses.error(
                        new ApiException(ErrorCode.SERVICE_UNAVAILABLE, ErrorCode.SERVICE_UNAVAILABLE.defaultMessage()),
                        requestId);
            }
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

    /**
     * True if the failure is an AWS call that got no answer: the SDK's call or attempt timeout, or an
     * I/O failure of its connection. A client-side failure of any other kind (a request the SDK
     * cannot build) is a defect and stays a 500.
     */
    static boolean dependencyUnanswered(Throwable failure) {
        Throwable cause = failure;
        for (int depth = 0; cause != null && depth < 10; depth++, cause = cause.getCause()) {
            if (cause instanceof ApiCallTimeoutException
                    || cause instanceof ApiCallAttemptTimeoutException
                    || cause instanceof SdkClientException && cause.getCause() instanceof IOException) {
                return true;
            }
        }
        return false;
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
