package dev.tally.local.runtime.http;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * The local-only API documentation: {@code GET /openapi.yaml} (the repository's
 * {@code docs/openapi.yaml}, read on each request so edits show on reload) and {@code GET /docs/}
 * (Swagger UI, its assets served from the {@code org.webjars:swagger-ui} jar: no CDN). It exists
 * only in {@code ./tally local}, on the HTTP API's loopback port; the deployed stack has only the
 * template's routes. See {@code docs/adr/0171-local-api-docs-page.md}.
 */
public final class ApiDocs {

    /** The document, relative to the repository root. */
    public static final String DOCUMENT = "docs/openapi.yaml";
    /** The page's path. */
    public static final String PAGE = "/docs/";

    private static final String WEBJAR = "META-INF/resources/webjars/swagger-ui/";
    private static final Pattern ASSET = Pattern.compile("[a-z0-9][a-z0-9._-]*\\.(js|css|png)");
    private static final Map<String, String> TYPES =
            Map.of("js", "text/javascript; charset=utf-8", "css", "text/css; charset=utf-8", "png", "image/png");
    private static final String INDEX = """
            <!doctype html>
            <html lang="en">
            <head>
              <meta charset="utf-8">
              <title>Tally API (local)</title>
              <link rel="stylesheet" href="swagger-ui.css">
              <link rel="icon" type="image/png" href="favicon-32x32.png">
            </head>
            <body>
              <div id="swagger-ui"></div>
              <script src="swagger-ui-bundle.js"></script>
              <script src="swagger-ui-standalone-preset.js"></script>
              <script src="tally-docs.js"></script>
            </body>
            </html>
            """;
    private static final String INITIALIZER = """
            window.ui = SwaggerUIBundle({
              url: "/openapi.yaml",
              dom_id: "#swagger-ui",
              deepLinking: true,
              validatorUrl: null,
              presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset],
              plugins: [SwaggerUIBundle.plugins.DownloadUrl],
              layout: "StandaloneLayout"
            });
            """;

    private final Path document;
    private final String assets;

    private ApiDocs(Path document) {
        this.document = document;
        this.assets = WEBJAR + swaggerUiVersion() + "/";
    }

    /**
     * Serves the docs on {@code server} when {@code repositoryRoot} has the document.
     *
     * @return the page's URL, or null when there is no document to serve
     */
    public static URI register(HttpApiServer server, Path repositoryRoot) {
        Path document = repositoryRoot.resolve(DOCUMENT);
        if (!Files.isRegularFile(document)) {
            return null;
        }
        ApiDocs docs = new ApiDocs(document);
        server.serve("/openapi.yaml", docs::document);
        server.serve("/docs", docs::page);
        return server.endpoint().resolve(PAGE);
    }

    private void document(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!exchange.getRequestURI().getPath().equals("/openapi.yaml") || !readable(exchange)) {
                send(exchange, 404, "text/plain; charset=utf-8", "Not Found".getBytes(StandardCharsets.UTF_8));
                return;
            }
            send(exchange, 200, "application/yaml; charset=utf-8", Files.readAllBytes(document));
        }
    }

    private void page(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            if (!readable(exchange)) {
                send(exchange, 404, "text/plain; charset=utf-8", "Not Found".getBytes(StandardCharsets.UTF_8));
            } else if (path.equals("/docs")) {
                exchange.getResponseHeaders().set("Location", PAGE);
                exchange.sendResponseHeaders(308, -1);
            } else if (path.equals(PAGE) || path.equals(PAGE + "index.html")) {
                send(exchange, 200, "text/html; charset=utf-8", INDEX.getBytes(StandardCharsets.UTF_8));
            } else if (path.equals(PAGE + "tally-docs.js")) {
                send(exchange, 200, TYPES.get("js"), INITIALIZER.getBytes(StandardCharsets.UTF_8));
            } else {
                asset(exchange, path.substring(PAGE.length() - 1).replaceFirst("^/", ""));
            }
        }
    }

    private void asset(HttpExchange exchange, String name) throws IOException {
        InputStream in = ASSET.matcher(name).matches()
                ? ApiDocs.class.getClassLoader().getResourceAsStream(assets + name)
                : null;
        if (in == null) {
            send(exchange, 404, "text/plain; charset=utf-8", "Not Found".getBytes(StandardCharsets.UTF_8));
            return;
        }
        try (in) {
            exchange.getResponseHeaders().set("Cache-Control", "max-age=3600");
            send(exchange, 200, TYPES.get(name.substring(name.lastIndexOf('.') + 1)), in.readAllBytes());
        }
    }

    /** Only GET and HEAD, and only from this machine (the server binds to loopback; this says so again). */
    private static boolean readable(HttpExchange exchange) {
        String method = exchange.getRequestMethod();
        return (method.equals("GET") || method.equals("HEAD"))
                && exchange.getRemoteAddress().getAddress().isLoopbackAddress();
    }

    private static void send(HttpExchange exchange, int status, String type, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
        boolean head = exchange.getRequestMethod().equals("HEAD");
        exchange.sendResponseHeaders(status, head ? -1 : body.length);
        if (!head) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    private static String swaggerUiVersion() {
        try (InputStream in = ApiDocs.class
                .getClassLoader()
                .getResourceAsStream("META-INF/maven/org.webjars/swagger-ui/pom.properties")) {
            if (in == null) {
                throw new IllegalStateException("org.webjars:swagger-ui is not on the classpath");
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the swagger-ui version", e);
        }
    }
}
