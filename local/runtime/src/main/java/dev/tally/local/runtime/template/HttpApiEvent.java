package dev.tally.local.runtime.template;

import java.util.Optional;
import java.util.Set;

/**
 * An {@code HttpApi} event: one route of an HTTP API (API Gateway v2) to the function.
 *
 * @param name       the event's key
 * @param method     the HTTP method, upper case ({@code ANY} allowed)
 * @param path       the route path, e.g. {@code /debts/{debtId}}
 * @param apiId      the {@code ApiId} (a {@code Ref} to an {@code AWS::Serverless::HttpApi}); empty for the implicit API
 * @param properties the event's properties as written
 */
public record HttpApiEvent(
        String name, String method, String path, Optional<TemplateValue> apiId, TemplateMap properties)
        implements EventSource {

    static final Set<String> PROPERTIES =
            Set.of("ApiId", "Auth", "Method", "Path", "PayloadFormatVersion", "RouteSettings", "TimeoutInMillis");

    /** The route key as API Gateway sends it in {@code routeKey}: {@code "POST /debts"}. */
    public String routeKey() {
        return method + " " + path;
    }

    static HttpApiEvent read(String name, Properties properties) {
        properties.allowOnly(PROPERTIES, "an HttpApi event");
        String method = properties.requiredString("Method").toUpperCase(java.util.Locale.ROOT);
        String path = properties.requiredString("Path");
        if (!path.startsWith("/")) {
            throw new TemplateSyntaxException(
                    properties.pathOf("Path"), "a route path starts with '/', found '" + path + "'");
        }
        String format = properties.optionalString("PayloadFormatVersion").orElse("2.0");
        if (!format.equals("2.0")) {
            throw new UnsupportedConstructException(
                    properties.pathOf("PayloadFormatVersion"), "only payload format 2.0 is supported, found " + format);
        }
        return new HttpApiEvent(name, method, path, properties.value("ApiId"), properties.map());
    }
}
