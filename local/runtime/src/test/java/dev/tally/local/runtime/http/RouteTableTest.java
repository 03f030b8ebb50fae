package dev.tally.local.runtime.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Route selection per https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-routes.html. */
class RouteTableTest {

    private final RouteTable table = new RouteTable(List.of(
            new Route("POST", "/debts", "Submit"),
            new Route("GET", "/debts/{debtId}", "Query"),
            new Route("GET", "/debts/summary", "Summary"),
            new Route("POST", "/debts/{debtId}/payments", "Submit"),
            new Route("ANY", "/files/{proxy+}", "Files"),
            new Route("GET", "/files/{proxy+}", "FilesGet")));

    @Test
    void match_exactPathBeatsParameter() {
        assertThat(table.match("GET", "/debts/summary"))
                .get()
                .extracting(m -> m.route().functionName())
                .isEqualTo("Summary");
        assertThat(table.match("GET", "/debts/42").orElseThrow().pathParameters())
                .isEqualTo(Map.of("debtId", "42"));
    }

    @Test
    void match_methodMustMatch_andUnknownPathIsEmpty() {
        assertThat(table.match("DELETE", "/debts")).isEmpty();
        assertThat(table.match("GET", "/nothing")).isEmpty();
        assertThat(table.match("POST", "/debts/7/payments")
                        .orElseThrow()
                        .route()
                        .routeKey())
                .isEqualTo("POST /debts/{debtId}/payments");
    }

    @Test
    void match_greedyParameterTakesTheRest_andMethodBeatsAny() {
        Route.Match get = table.match("GET", "/files/a/b%20c").orElseThrow();
        assertThat(get.route().functionName()).isEqualTo("FilesGet");
        assertThat(get.pathParameters()).isEqualTo(Map.of("proxy", "a/b c"));
        assertThat(table.match("PUT", "/files/x").orElseThrow().route().functionName())
                .isEqualTo("Files");
    }

    @Test
    void match_defaultRouteCatchesTheRest() {
        RouteTable withDefault = new RouteTable(List.of(new Route("ANY", "$default", "Fallback")));
        assertThat(withDefault.match("PATCH", "/x/y").orElseThrow().route().routeKey())
                .isEqualTo("$default");
    }

    @Test
    void constructor_whenRouteDeclaredTwice_namesIt() {
        assertThatThrownBy(() -> new RouteTable(List.of(new Route("GET", "/a", "F1"), new Route("get", "/a", "F2"))))
                .hasMessageContaining("GET /a")
                .hasMessageContaining("F1")
                .hasMessageContaining("F2");
    }
}
