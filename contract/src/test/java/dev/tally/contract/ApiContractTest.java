package dev.tally.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.responses.ApiResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ApiContractTest {

    private static final String DEBT = "019ac4b2-7e31-7c5a-9d42-3f6e8b1a2c90";
    private static final Map<String, String> JSON_ANSWER =
            Map.of("Content-Type", "application/json", "Cache-Control", "no-store");
    private static final Map<String, String> AUTHORIZED = Map.of(
            "Authorization", "Bearer abc.def.ghi", "Content-Type", "application/json", "Idempotency-Key", "key-1");
    private static final String ACCEPTED = "{\"commandId\":\"key-1\",\"debtId\":\"" + DEBT
            + "\",\"status\":\"ACCEPTED\",\"statusUrl\":\"/commands/key-1\"}";
    private static final String PAYMENT = "{\"amount\":{\"amount\":\"10.00\",\"currency\":\"EUR\"}}";

    private final ApiContract contract = ApiContract.get();

    @Test
    void document_isValidOpenApi31() {
        assertThat(contract.parseMessages()).isEmpty();
        assertThat(contract.api().getOpenapi()).startsWith("3.1");
    }

    @Test
    void problems_whenExchangeIsDocumented_isEmpty() {
        assertThat(contract.problems(accepted(PAYMENT, ACCEPTED, Map.of("Location", "/commands/key-1"))))
                .isEmpty();
    }

    @Test
    void problems_whenAnswerHasAnUndocumentedField_namesIt() {
        String extra = ACCEPTED.replace("}", ",\"queuedAt\":\"2026-11-27T10:15:30Z\"}");

        assertThat(String.join(
                        "\n", contract.problems(accepted(PAYMENT, extra, Map.of("Location", "/commands/key-1")))))
                .contains("queuedAt");
    }

    @Test
    void problems_whenStatusIsUndocumented_namesIt() {
        Exchange teapot = new Exchange(
                "POST",
                "/debts/" + DEBT + "/payments",
                "",
                AUTHORIZED,
                PAYMENT,
                418,
                JSON_ANSWER,
                "{\"error\":{\"code\":\"INTERNAL_ERROR\",\"message\":\"m\",\"requestId\":\"r\"}}");

        assertThat(String.join("\n", contract.problems(teapot))).contains("418");
    }

    @Test
    void problems_whenRequiredHeaderIsMissing_namesIt() {
        assertThat(String.join("\n", contract.problems(accepted(PAYMENT, ACCEPTED, Map.of()))))
                .contains("Location");
    }

    @Test
    void problems_whenAnErrorCodeIsUnknown_namesIt() {
        Exchange answer = new Exchange(
                "GET",
                "/summary",
                "",
                AUTHORIZED,
                null,
                401,
                merged(JSON_ANSWER, Map.of("WWW-Authenticate", "Bearer")),
                "{\"error\":{\"code\":\"TOKEN_EXPIRED\",\"message\":\"m\",\"requestId\":\"r\"}}");

        assertThat(String.join("\n", contract.problems(answer))).contains("TOKEN_EXPIRED");
    }

    @Test
    void problems_whenTheDocumentRefusesARequestTheCodeAccepted_namesIt() {
        String numberAmount = "{\"amount\":{\"amount\":10,\"currency\":\"EUR\"}}";

        assertThat(contract.problems(accepted(numberAmount, ACCEPTED, Map.of("Location", "/commands/key-1"))))
                .anySatisfy(problem -> assertThat(problem).startsWith("request refused by the document"));
    }

    @Test
    void problems_whenABadRequestIsAnswered400_isEmpty() {
        String numberAmount = "{\"amount\":{\"amount\":10,\"currency\":\"EUR\"}}";
        Exchange refused = new Exchange(
                "POST",
                "/debts/" + DEBT + "/payments",
                "",
                AUTHORIZED,
                numberAmount,
                400,
                JSON_ANSWER,
                "{\"error\":{\"code\":\"MALFORMED_JSON\",\"message\":\"m\",\"requestId\":\"r\"}}");

        assertThat(contract.problems(refused)).isEmpty();
    }

    @Test
    void problems_whenRouteIsNotDocumented_saysSo() {
        Exchange unknown = new Exchange("GET", "/admin/users", "", AUTHORIZED, null, 200, JSON_ANSWER, "{}");

        assertThat(contract.problems(unknown)).containsExactly("GET /admin/users is not a documented route");
    }

    @Test
    void assertConforms_whenThereAreProblems_failsTheTest() {
        assertThatThrownBy(() -> contract.assertConforms(accepted(PAYMENT, ACCEPTED, Map.of())))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining(ApiContract.DOCUMENT);
    }

    @Test
    void everyDocumentedExample_matchesItsSchema() {
        List<String> problems = new ArrayList<>();
        int[] checked = {0};
        contract.api()
                .getPaths()
                .forEach((path, item) -> item.readOperationsMap()
                        .forEach((method, operation) -> operation.getResponses().forEach((status, declared) -> {
                            ApiResponse response = declared.get$ref() == null
                                    ? declared
                                    : contract.api()
                                            .getComponents()
                                            .getResponses()
                                            .get(declared.get$ref()
                                                    .substring(
                                                            declared.get$ref().lastIndexOf('/') + 1));
                            MediaType json = response.getContent() == null
                                    ? null
                                    : response.getContent().get("application/json");
                            if (json == null) {
                                return;
                            }
                            List<Object> examples = new ArrayList<>();
                            if (json.getExample() != null) {
                                examples.add(json.getExample());
                            }
                            if (json.getExamples() != null) {
                                json.getExamples()
                                        .values()
                                        .forEach(example -> examples.add(
                                                example.get$ref() == null
                                                        ? example.getValue()
                                                        : contract.api()
                                                                .getComponents()
                                                                .getExamples()
                                                                .get(example.get$ref()
                                                                        .substring(example.get$ref()
                                                                                        .lastIndexOf('/')
                                                                                + 1))
                                                                .getValue()));
                            }
                            for (Object example : examples) {
                                checked[0]++;
                                problems.addAll(exampleProblems(
                                        path, method.name(), operation, Integer.parseInt(status), example));
                            }
                        })));

        assertThat(problems).isEmpty();
        assertThat(checked[0]).isGreaterThan(40);
    }

    private List<String> exampleProblems(String path, String method, Operation operation, int status, Object example) {
        String concretePath = path.replace("{debtId}", DEBT).replace("{commandId}", "key-1");
        Map<String, String> headers = merged(
                JSON_ANSWER, Map.of("Location", "/commands/key-1", "WWW-Authenticate", "Bearer", "Retry-After", "30"));
        String body = io.swagger.v3.core.util.Json.pretty(example);
        Exchange exchange = new Exchange(method, concretePath, "", AUTHORIZED, null, status, headers, body);
        return contract.problems(exchange).stream()
                .filter(problem -> !problem.startsWith("request refused"))
                .map(problem -> operation.getOperationId() + " " + status + " example: " + problem)
                .toList();
    }

    private static Exchange accepted(String requestBody, String answer, Map<String, String> extraHeaders) {
        return new Exchange(
                "POST",
                "/debts/" + DEBT + "/payments",
                "",
                AUTHORIZED,
                requestBody,
                202,
                merged(JSON_ANSWER, extraHeaders),
                answer);
    }

    private static Map<String, String> merged(Map<String, String> first, Map<String, String> second) {
        Map<String, String> all = new java.util.HashMap<>(first);
        all.putAll(second);
        return all;
    }
}
