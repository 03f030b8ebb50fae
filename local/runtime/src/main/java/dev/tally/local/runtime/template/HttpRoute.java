package dev.tally.local.runtime.template;

/**
 * One HTTP API route and the function it invokes.
 *
 * @param method            the HTTP method ({@code ANY} allowed)
 * @param path              the path with {@code {parameters}}
 * @param functionLogicalId the function's logical id
 * @param eventName         the event's key in the function's {@code Events}
 */
public record HttpRoute(String method, String path, String functionLogicalId, String eventName) {

    /** The route key as API Gateway sends it: {@code "GET /debts/{debtId}"}. */
    public String routeKey() {
        return method + " " + path;
    }
}
