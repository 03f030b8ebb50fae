package dev.tally.local.runtime.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The local docs: the document and the Swagger UI page with its bundled assets, on the API's port. */
class ApiDocsTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path root;

    private HttpApiServer server;
    private URI page;

    @BeforeEach
    void start() throws IOException {
        Files.createDirectories(root.resolve("docs"));
        Files.writeString(root.resolve("docs/openapi.yaml"), "openapi: 3.1.0\ninfo: {title: T, version: '1'}\n");
        server = new HttpApiServer(0, new RouteTable(List.of()), null, "000000000000");
        page = ApiDocs.register(server, root);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private HttpResponse<String> send(String method, String path) throws Exception {
        return HTTP.send(
                HttpRequest.newBuilder(server.endpoint().resolve(path))
                        .method(method, HttpRequest.BodyPublishers.noBody())
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void register_returnsThePageUrl() {
        assertThat(page).isEqualTo(server.endpoint().resolve("/docs/"));
    }

    @Test
    void openapiYaml_isTheRepositorysDocument() throws Exception {
        HttpResponse<String> document = send("GET", "/openapi.yaml");

        assertThat(document.statusCode()).isEqualTo(200);
        assertThat(document.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/yaml"));
        assertThat(document.body()).isEqualTo(Files.readString(root.resolve("docs/openapi.yaml")));
    }

    @Test
    void docs_redirectsToThePageThatLoadsTheBundledAssetsAndTheDocument() throws Exception {
        HttpResponse<String> bare = send("GET", "/docs");
        HttpResponse<String> html = send("GET", "/docs/");
        HttpResponse<String> initializer = send("GET", "/docs/tally-docs.js");
        HttpResponse<String> bundle = send("GET", "/docs/swagger-ui-bundle.js");
        HttpResponse<String> css = send("GET", "/docs/swagger-ui.css");

        assertThat(bare.statusCode()).isEqualTo(308);
        assertThat(bare.headers().firstValue("Location")).contains("/docs/");
        assertThat(html.statusCode()).isEqualTo(200);
        assertThat(html.body())
                .contains("swagger-ui-bundle.js")
                .doesNotContain("http://")
                .doesNotContain("https://");
        assertThat(initializer.body()).contains("url: \"/openapi.yaml\"");
        assertThat(bundle.statusCode()).isEqualTo(200);
        assertThat(bundle.body()).contains("SwaggerUIBundle");
        assertThat(css.statusCode()).isEqualTo(200);
        assertThat(css.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("text/css"));
    }

    @Test
    void docs_refusesAnythingButReadsOfKnownAssets() throws Exception {
        assertThat(send("GET", "/docs/..%2F..%2Fpom.properties").statusCode()).isEqualTo(404);
        assertThat(send("GET", "/docs/index.html.map").statusCode()).isEqualTo(404);
        assertThat(send("GET", "/docs/oauth2-redirect.html").statusCode()).isEqualTo(404);
        assertThat(send("POST", "/openapi.yaml").statusCode()).isEqualTo(404);
        assertThat(send("GET", "/openapi.yaml.bak").statusCode()).isEqualTo(404);
    }

    @Test
    void otherPaths_stillGoToTheApiRoutes() throws Exception {
        HttpResponse<String> unrouted = send("GET", "/debts");

        assertThat(unrouted.statusCode()).isEqualTo(404);
        assertThat(unrouted.body()).isEqualTo("{\"message\":\"Not Found\"}");
    }

    @Test
    void register_withoutADocument_servesNothing(@TempDir Path empty) throws Exception {
        try (HttpApiServer bare = new HttpApiServer(0, new RouteTable(List.of()), null, "000000000000")) {
            assertThat(ApiDocs.register(bare, empty)).isNull();
        }
    }
}
