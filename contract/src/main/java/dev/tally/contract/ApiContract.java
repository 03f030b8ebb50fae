package dev.tally.contract;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.ValidationReport;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Tally's API contract, {@code docs/openapi.yaml}, as tests use it: the documented routes, and a
 * check that a request and its answer are what the document describes.
 *
 * <p>The rule of {@link #problems(Exchange)}: the answer must always be documented (its status for
 * that operation, its headers, its body against the schema: an extra field is a problem). The
 * request is checked too, but a request the document refuses is allowed when the answer is a 4xx:
 * tests send bad requests on purpose. A request the document refuses that the code accepts (2xx,
 * 5xx) is a problem: the document is stricter than the code. See
 * {@code docs/adr/0170-openapi-contract-checked-in-the-build.md}.
 */
public final class ApiContract {

    /** Where the document lives, relative to the repository root. */
    public static final String DOCUMENT = "docs/openapi.yaml";

    private static final Set<String> UNDOCUMENTED_ROUTE =
            Set.of("validation.request.path.missing", "validation.request.operation.notAllowed");
    private static final Set<String> METHODS =
            Set.of("GET", "PUT", "POST", "DELETE", "PATCH", "HEAD", "OPTIONS", "TRACE");

    private static ApiContract shared;

    private final Path document;
    private final OpenAPI api;
    private final List<String> parseMessages;
    private final OpenApiInteractionValidator validator;

    private ApiContract(Path document) {
        this.document = document;
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        SwaggerParseResult result =
                new OpenAPIV3Parser().readLocation(document.toUri().toString(), null, options);
        this.api = result.getOpenAPI();
        this.parseMessages = result.getMessages() == null ? List.of() : List.copyOf(result.getMessages());
        if (api == null) {
            throw new IllegalStateException(document + " is not an OpenAPI document: " + parseMessages);
        }
        this.validator = OpenApiInteractionValidator.createForInlineApiSpecification(ValidatorDialect.rewrite(document))
                .build();
    }

    /** The repository's contract, read once per JVM. */
    public static synchronized ApiContract get() {
        if (shared == null) {
            shared = load(repositoryRoot().resolve(DOCUMENT));
        }
        return shared;
    }

    /** The contract in another document (for the contract's own tests). */
    public static ApiContract load(Path document) {
        if (!Files.isRegularFile(document)) {
            throw new IllegalStateException("no OpenAPI document at " + document.toAbsolutePath());
        }
        return new ApiContract(document.toAbsolutePath());
    }

    /** The directory holding {@code template.yaml}, looked for from the working directory upwards. */
    public static Path repositoryRoot() {
        Path start = Path.of("").toAbsolutePath();
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("template.yaml")) && Files.isRegularFile(dir.resolve(DOCUMENT))) {
                return dir;
            }
        }
        throw new IllegalStateException("no template.yaml with " + DOCUMENT + " above " + start);
    }

    /** A handler that checks each request it handles, and its answer, against this contract. */
    public static RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> checked(
            RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> handler) {
        return new ContractCheckedHandler(get(), handler);
    }

    /** The parsed document. */
    public OpenAPI api() {
        return api;
    }

    /** The document's path. */
    public Path document() {
        return document;
    }

    /** What the OpenAPI parser found wrong with the document (empty for a valid one). */
    public List<String> parseMessages() {
        return parseMessages;
    }

    /** Every documented operation as an API Gateway route key, e.g. {@code POST /debts/{debtId}/payments}. */
    public Set<String> routeKeys() {
        Set<String> keys = new TreeSet<>();
        api.getPaths()
                .forEach((path, item) ->
                        item.readOperationsMap().keySet().forEach(method -> keys.add(method.name() + " " + path)));
        return keys;
    }

    /** The problems of an exchange (empty when it is what the document describes). */
    public List<String> problems(Exchange exchange) {
        Request.Method method = method(exchange.method());
        ValidationReport requestReport = validator.validateRequest(request(exchange));
        List<String> problems = new ArrayList<>();
        if (requestReport.getMessages().stream().anyMatch(message -> UNDOCUMENTED_ROUTE.contains(message.getKey()))) {
            problems.add(exchange.request() + " is not a documented route");
            return problems;
        }
        ValidationReport responseReport = validator.validateResponse(exchange.path(), method, response(exchange));
        errors(responseReport).forEach(message -> problems.add("answer " + exchange.status() + ": " + message));
        boolean clientError = exchange.status() >= 400 && exchange.status() < 500;
        if (!clientError) {
            errors(requestReport)
                    .forEach(message -> problems.add(
                            "request refused by the document but answered " + exchange.status() + ": " + message));
        }
        return problems;
    }

    /** Throws an {@link AssertionError} naming every problem of the exchange. */
    public void assertConforms(Exchange exchange) {
        List<String> problems = problems(exchange);
        if (!problems.isEmpty()) {
            throw new AssertionError(
                    exchange.request() + " does not match " + DOCUMENT + ":\n  " + String.join("\n  ", problems));
        }
    }

    /** A route API Gateway would never send to the function must at least be refused with a 404. */
    void assertUndocumentedRouteRefused(String routeKey, int status) {
        if (status != 404) {
            throw new AssertionError("route " + routeKey + " is not in " + DOCUMENT + " but was answered " + status
                    + ": document it (and add it to template.yaml), or answer 404");
        }
    }

    private static List<String> errors(ValidationReport report) {
        return report.getMessages().stream()
                .filter(message -> message.getLevel() == ValidationReport.Level.ERROR)
                .map(message -> message.getKey() + ": " + message.getMessage()
                        + (message.getNestedMessages().isEmpty()
                                ? ""
                                : " "
                                        + message.getNestedMessages().stream()
                                                .map(ValidationReport.Message::getMessage)
                                                .collect(Collectors.joining("; ", "[", "]"))))
                .toList();
    }

    private static Request.Method method(String method) {
        String upper = Objects.requireNonNull(method, "method").toUpperCase(Locale.ROOT);
        if (!METHODS.contains(upper)) {
            throw new IllegalArgumentException("not an HTTP method: " + method);
        }
        return Request.Method.valueOf(upper);
    }

    private static SimpleRequest request(Exchange exchange) {
        SimpleRequest.Builder request = new SimpleRequest.Builder(method(exchange.method()), exchange.path());
        exchange.requestHeaders().forEach(request::withHeader);
        if (exchange.requestBody() != null && !exchange.requestBody().isEmpty()) {
            request.withBody(exchange.requestBody());
        }
        if (!exchange.rawQuery().isEmpty()) {
            for (String pair : exchange.rawQuery().split("&")) {
                String[] parts = pair.split("=", 2);
                request.withQueryParam(decode(parts[0]), parts.length > 1 ? decode(parts[1]) : "");
            }
        }
        return request.build();
    }

    private static SimpleResponse response(Exchange exchange) {
        SimpleResponse.Builder response = SimpleResponse.Builder.status(exchange.status());
        exchange.responseHeaders().forEach(response::withHeader);
        if (exchange.responseBody() != null && !exchange.responseBody().isEmpty()) {
            response.withBody(exchange.responseBody());
        }
        return response.build();
    }

    private static String decode(String text) {
        return URLDecoder.decode(text, StandardCharsets.UTF_8);
    }
}
