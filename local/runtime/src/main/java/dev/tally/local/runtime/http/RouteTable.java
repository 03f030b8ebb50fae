package dev.tally.local.runtime.http;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Route selection as in API Gateway HTTP APIs
 * (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-routes.html):
 * the most specific match wins — exact paths before paths with parameters, parameters before a
 * greedy parameter, a method before {@code ANY} — and {@code $default} catches the rest.
 */
public final class RouteTable {

    private final List<Route> routes;

    public RouteTable(List<Route> routes) {
        this.routes = List.copyOf(routes);
        Map<String, Route> byKey = new LinkedHashMap<>();
        for (Route route : routes) {
            Route previous = byKey.put(route.routeKey(), route);
            if (previous != null) {
                throw new IllegalArgumentException("route " + route.routeKey() + " is declared twice (functions "
                        + previous.functionName() + " and " + route.functionName() + ")");
            }
        }
    }

    public List<Route> routes() {
        return routes;
    }

    /** The route for a request, or empty when none (and no {@code $default}) matches. */
    public Optional<Route.Match> match(String method, String rawPath) {
        List<String> requestSegments = Route.segmentsOf(rawPath);
        Optional<Route.Match> best = routes.stream()
                .filter(route -> !route.isDefault())
                .filter(route -> route.method().equals("ANY") || route.method().equals(method))
                .map(route -> matchPath(route, requestSegments))
                .flatMap(Optional::stream)
                .min(Comparator.comparingInt(RouteTable::specificityRank));
        if (best.isPresent()) {
            return best;
        }
        return routes.stream().filter(Route::isDefault).findFirst().map(route -> new Route.Match(route, Map.of()));
    }

    /** Lower is more specific: count of non-literal segments, greedy last, ANY after a method. */
    private static int specificityRank(Route.Match match) {
        int rank = 0;
        List<String> segments = match.route().segments();
        for (String segment : segments) {
            if (segment.endsWith("+}")) {
                rank += 1000;
            } else if (segment.startsWith("{")) {
                rank += 10;
            }
        }
        rank -= segments.size();
        return match.route().method().equals("ANY") ? rank + 5 : rank;
    }

    private static Optional<Route.Match> matchPath(Route route, List<String> request) {
        List<String> pattern = route.segments();
        Map<String, String> parameters = new LinkedHashMap<>();
        for (int i = 0; i < pattern.size(); i++) {
            String segment = pattern.get(i);
            if (segment.startsWith("{") && segment.endsWith("+}")) {
                if (i >= request.size()) {
                    return Optional.empty();
                }
                String rest = String.join("/", request.subList(i, request.size()));
                parameters.put(segment.substring(1, segment.length() - 2), decode(rest));
                return Optional.of(new Route.Match(route, parameters));
            }
            if (i >= request.size()) {
                return Optional.empty();
            }
            String actual = request.get(i);
            if (segment.startsWith("{") && segment.endsWith("}")) {
                if (actual.isEmpty()) {
                    return Optional.empty();
                }
                parameters.put(segment.substring(1, segment.length() - 1), decode(actual));
            } else if (!segment.equals(actual)) {
                return Optional.empty();
            }
        }
        return pattern.size() == request.size() ? Optional.of(new Route.Match(route, parameters)) : Optional.empty();
    }

    private static String decode(String text) {
        return URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
    }
}
