package dev.tally.local.runtime.http;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * One HTTP API route: a method (or {@code ANY}) and a path with {@code {name}} parameters and an
 * optional greedy {@code {name+}} last segment, or the {@code $default} route; and its function.
 */
public record Route(String method, String path, String functionName) {

    public Route {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(functionName, "functionName");
        method = method.toUpperCase(Locale.ROOT);
        if (!path.equals("$default") && !path.startsWith("/")) {
            throw new IllegalArgumentException("route path must start with / (or be $default), was " + path);
        }
    }

    /** API Gateway's route key: {@code "POST /debts"}, or {@code "$default"}. */
    public String routeKey() {
        return path.equals("$default") ? "$default" : method + " " + path;
    }

    boolean isDefault() {
        return path.equals("$default");
    }

    List<String> segments() {
        return segmentsOf(path);
    }

    static List<String> segmentsOf(String path) {
        String trimmed = path.startsWith("/") ? path.substring(1) : path;
        if (trimmed.endsWith("/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        return trimmed.isEmpty() ? List.of() : List.of(trimmed.split("/", -1));
    }

    /** The match of a request path, with its path parameters. */
    record Match(Route route, Map<String, String> pathParameters) {}
}
