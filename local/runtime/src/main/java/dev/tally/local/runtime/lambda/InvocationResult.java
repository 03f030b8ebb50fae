package dev.tally.local.runtime.lambda;

/** How an invocation ended, as the Lambda service sees it. */
public sealed interface InvocationResult {

    /** The function returned; {@code payload} is its serialized response. */
    record Success(byte[] payload) implements InvocationResult {}

    /**
     * The function (or its initialisation) failed: the handler threw, init failed, or the
     * container process died. {@code errorType} is Lambda's error type (e.g. the exception class
     * or {@code Runtime.ExitError}); {@code payload} the error document.
     */
    record FunctionError(String errorType, byte[] payload) implements InvocationResult {}

    /** The function ran longer than its timeout; its container was killed. */
    record Timeout(long timeoutMillis) implements InvocationResult {}

    /** True only for {@link Success}. */
    default boolean succeeded() {
        return this instanceof Success;
    }
}
