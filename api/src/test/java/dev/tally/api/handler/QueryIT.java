package dev.tally.api.handler;

import static dev.tally.api.handler.AuthHandlerTest.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import dev.tally.api.query.DebtCursors;
import dev.tally.api.query.QueryService;
import dev.tally.api.query.TestDebts;
import dev.tally.api.store.CommandRecord;
import dev.tally.api.store.DynamoDbCommandStore;
import dev.tally.api.store.DynamoDbDebtReader;
import dev.tally.api.submission.UuidV7;
import dev.tally.api.testing.ApiGatewayEvents;
import dev.tally.api.testing.ApiTables;
import dev.tally.api.testing.TestTokens;
import dev.tally.common.domain.Debt;
import dev.tally.common.domain.Summary;
import dev.tally.common.http.ApiRequestHandling;
import dev.tally.common.http.ApiResponses;
import dev.tally.common.store.DebtItem;
import dev.tally.common.store.DynamoDbSummaryStore;
import dev.tally.common.store.StoredSummary;
import dev.tally.common.store.SummaryItem;
import dev.tally.common.testing.LocalDynamoDb;
import dev.tally.common.testing.TestLambdaContext;
import dev.tally.contract.ApiContract;
import dev.tally.events.DebtStatus;
import dev.tally.events.TallyJson;
import dev.tally.events.command.CommandType;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The query routes through the handler, against a real DynamoDB-compatible endpoint with the tables' key schema. */
class QueryIT {

    @RegisterExtension
    static final LocalDynamoDb DYNAMODB = new LocalDynamoDb();

    private static final Instant NOW = Instant.parse("2026-11-27T10:30:00Z");
    private static final LocalDate TODAY = LocalDate.of(2026, 11, 27);
    private static final String DEBTS = "debts";
    private static final String SUMMARIES = "summaries";
    private static final String COMMANDS = "commands";

    private static DynamoDbClient dynamoDb;
    private static RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> handler;

    private final UuidV7 ids = new UuidV7();

    @BeforeAll
    static void tablesAndHandler() {
        dynamoDb = DYNAMODB.client();
        ApiTables.createDebtsTable(dynamoDb, DEBTS);
        ApiTables.createSummariesTable(dynamoDb, SUMMARIES);
        ApiTables.createCommandsTable(dynamoDb, COMMANDS);
        QueryService service = new QueryService(
                new DynamoDbSummaryStore(dynamoDb, SUMMARIES),
                new DynamoDbDebtReader(dynamoDb, DEBTS),
                new DynamoDbCommandStore(dynamoDb, COMMANDS),
                DebtCursors.fromJwtKey(TestTokens.KEY.hmacKey()),
                Clock.fixed(NOW, ZoneOffset.UTC));
        handler = ApiContract.checked(new QueryHandler(
                TestTokens.authenticator(), service, new ApiRequestHandling(new ApiResponses(TallyJson.MAPPER))));
    }

    @AfterAll
    static void closeClient() {
        dynamoDb.close();
    }

    @Test
    void debts_walkingEveryPageOfEachFilter_givesEveryMatchingDebtExactlyOnceInCreationOrder() {
        String alice = newUser();
        String bob = newUser();
        List<Debt> alices = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            DebtStatus status = i % 5 == 0 ? DebtStatus.CANCELLED : i % 3 == 0 ? DebtStatus.SETTLED : DebtStatus.OPEN;
            alices.add(save(TestDebts.withStatus(alice, ids.next().toString(), status)));
            if (i % 10 == 0) {
                save(TestDebts.withStatus(bob, ids.next().toString(), DebtStatus.OPEN));
            }
        }

        for (DebtStatus filter : Arrays.asList(null, DebtStatus.OPEN, DebtStatus.SETTLED, DebtStatus.CANCELLED)) {
            List<String> expected = alices.stream()
                    .filter(d -> filter == null || d.status() == filter)
                    .map(Debt::debtId)
                    .toList();
            List<String> seen = new ArrayList<>();
            List<Integer> pageSizes = new ArrayList<>();
            String cursor = null;
            do {
                JsonNode page = ok(listing(alice, filter, "7", cursor));
                page.get("items").forEach(item -> {
                    seen.add(item.get("debtId").asText());
                    assertThat(filter == null || item.get("status").asText().equals(filter.name()))
                            .isTrue();
                });
                pageSizes.add(page.get("items").size());
                cursor = page.hasNonNull("nextCursor") ? page.get("nextCursor").asText() : null;
            } while (cursor != null);

            assertThat(seen).as("filter %s", filter).containsExactlyElementsOf(expected);
            assertThat(pageSizes).as("pages of filter %s", filter).hasSize((expected.size() + 6) / 7);
            assertThat(pageSizes.subList(0, pageSizes.size() - 1)).allMatch(size -> size == 7);
        }
    }

    @Test
    void debts_statusFilterOver10000Debts_answersBoundedPagesThatTogetherGiveEveryMatch() {
        String user = newUser();
        List<String> cancelled = new ArrayList<>();
        List<software.amazon.awssdk.services.dynamodb.model.WriteRequest> batch = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            Debt debt = TestDebts.withStatus(
                    user, ids.next().toString(), i % 997 == 500 ? DebtStatus.CANCELLED : DebtStatus.OPEN);
            if (debt.status() == DebtStatus.CANCELLED) {
                cancelled.add(debt.debtId());
            }
            batch.add(software.amazon.awssdk.services.dynamodb.model.WriteRequest.builder()
                    .putRequest(put -> put.item(DebtItem.toItem(debt)))
                    .build());
            if (batch.size() == 25) {
                List<software.amazon.awssdk.services.dynamodb.model.WriteRequest> items = List.copyOf(batch);
                dynamoDb.batchWriteItem(write -> write.requestItems(Map.of(DEBTS, items)));
                batch.clear();
            }
        }

        List<String> seen = new ArrayList<>();
        int pages = 0;
        int emptyPages = 0;
        String cursor = null;
        do {
            JsonNode page = ok(listing(user, DebtStatus.CANCELLED, "20", cursor));
            page.get("items").forEach(item -> seen.add(item.get("debtId").asText()));
            emptyPages += page.get("items").isEmpty() ? 1 : 0;
            pages++;
            cursor = page.hasNonNull("nextCursor") ? page.get("nextCursor").asText() : null;
        } while (cursor != null);

        assertThat(seen).containsExactlyElementsOf(cancelled);
        assertThat(emptyPages)
                .as("a request stops after its query rounds, with a cursor")
                .isPositive();
        assertThat(pages)
                .as("each page evaluates at most %d rounds of 25 debts", DynamoDbDebtReader.MAX_ROUNDS)
                .isGreaterThanOrEqualTo(10_000 / (DynamoDbDebtReader.MAX_ROUNDS * 25));
    }

    @Test
    void debts_withACursorFromAnotherUsersListing_answers400RevealingNothing() {
        String alice = newUser();
        String bob = newUser();
        List<String> alicesIds = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            alicesIds.add(save(TestDebts.withStatus(alice, ids.next().toString(), DebtStatus.OPEN))
                    .debtId());
        }
        save(TestDebts.withStatus(bob, ids.next().toString(), DebtStatus.OPEN));
        String alicesCursor =
                ok(listing(alice, null, "1", null)).get("nextCursor").asText();

        APIGatewayV2HTTPResponse stolen = handle(listing(bob, null, "1", alicesCursor));
        APIGatewayV2HTTPResponse garbage = handle(listing(bob, null, "1", "bm90LWEtY3Vyc29y"));

        assertThat(stolen.getStatusCode()).isEqualTo(400);
        assertThat(json(stolen).get("error").get("code").asText()).isEqualTo("INVALID_CURSOR");
        assertThat(stolen.getBody())
                .as("the same answer as for any invalid cursor")
                .isEqualTo(garbage.getBody());
        assertThat(stolen.getBody()).doesNotContain(alice).doesNotContain(bob);
        alicesIds.forEach(id -> assertThat(stolen.getBody()).doesNotContain(id));
        assertThat(ok(listing(alice, null, "1", alicesCursor))
                        .get("items")
                        .get(0)
                        .get("debtId")
                        .asText())
                .as("the cursor still works for its own listing")
                .isEqualTo(alicesIds.get(1));
    }

    @Test
    void debts_withATamperedCursorOrOneForAnotherFilter_answers400() {
        String alice = newUser();
        for (int i = 0; i < 3; i++) {
            save(TestDebts.withStatus(alice, ids.next().toString(), DebtStatus.OPEN));
        }
        String cursor =
                ok(listing(alice, DebtStatus.OPEN, "1", null)).get("nextCursor").asText();
        char last = cursor.charAt(cursor.length() - 1);
        String tampered = cursor.substring(0, cursor.length() - 1) + (last == 'A' ? 'B' : 'A');

        for (APIGatewayV2HTTPResponse refused : List.of(
                handle(listing(alice, DebtStatus.OPEN, "1", tampered)),
                handle(listing(alice, null, "1", cursor)),
                handle(listing(alice, DebtStatus.SETTLED, "1", cursor)))) {
            assertThat(refused.getStatusCode()).isEqualTo(400);
            assertThat(json(refused).get("error").get("code").asText()).isEqualTo("INVALID_CURSOR");
        }
    }

    @Test
    void debt_ofTheUser_answers200WithPaymentsAndOutstanding_andAnotherUsersIs404ExactlyLikeAMissingOne() {
        String alice = newUser();
        String bob = newUser();
        Debt debt =
                save(TestDebts.open(alice, ids.next().toString(), "Grace", 10_000, 2_550, "EUR", TODAY.plusDays(3)));

        JsonNode own = ok(get(alice, "debt", Map.of("debtId", debt.debtId())));
        APIGatewayV2HTTPResponse others = handle(get(bob, "debt", Map.of("debtId", debt.debtId())));
        APIGatewayV2HTTPResponse missing =
                handle(get(bob, "debt", Map.of("debtId", ids.next().toString())));

        assertThat(own.get("outstanding").get("amount").asText()).isEqualTo("74.50");
        assertThat(own.get("paid").get("amount").asText()).isEqualTo("25.50");
        assertThat(own.get("payments")).hasSize(1);
        assertThat(own.get("payments").get(0).get("amount").get("amount").asText())
                .isEqualTo("25.50");
        assertThat(own.get("dueDate").asText()).isEqualTo(TODAY.plusDays(3).toString());
        assertThat(others.getStatusCode()).isEqualTo(404);
        assertThat(others.getBody()).isEqualTo(missing.getBody()).doesNotContain(debt.debtId());
    }

    @Test
    void command_ofTheUser_answers200WithItsOutcome_andAnotherUsersIs404ExactlyLikeAMissingOne() {
        String alice = newUser();
        String bob = newUser();
        String debtId = ids.next().toString();
        new DynamoDbCommandStore(dynamoDb, COMMANDS)
                .recordAccepted(CommandRecord.accepted(
                        alice, "pay-0001", CommandType.RECORD_PAYMENT, debtId, "hash", NOW, NOW.plusSeconds(86_400)));
        dynamoDb.updateItem(update -> update.tableName(COMMANDS)
                .key(Map.of("userId", AttributeValue.fromS(alice), "commandId", AttributeValue.fromS("pay-0001")))
                .updateExpression("SET #status = :applied, debtVersion = :version")
                .expressionAttributeNames(Map.of("#status", "status"))
                .expressionAttributeValues(
                        Map.of(":applied", AttributeValue.fromS("APPLIED"), ":version", AttributeValue.fromN("2"))));

        JsonNode own = ok(get(alice, "command", Map.of("commandId", "pay-0001")));
        APIGatewayV2HTTPResponse others = handle(get(bob, "command", Map.of("commandId", "pay-0001")));
        APIGatewayV2HTTPResponse missing = handle(get(bob, "command", Map.of("commandId", "pay-0002")));

        assertThat(own.get("commandId").asText()).isEqualTo("pay-0001");
        assertThat(own.get("type").asText()).isEqualTo("RECORD_PAYMENT");
        assertThat(own.get("status").asText()).isEqualTo("APPLIED");
        assertThat(own.get("debtId").asText()).isEqualTo(debtId);
        assertThat(own.get("debtVersion").asLong()).isEqualTo(2);
        assertThat(own.has("requestHash")).isFalse();
        assertThat(others.getStatusCode()).isEqualTo(404);
        assertThat(others.getBody()).isEqualTo(missing.getBody()).doesNotContain(debtId);
    }

    @Test
    void summary_countsADebtDueYesterdayAsOverdueAndOneDueTomorrowNot() {
        String alice = newUser();
        Summary summary = Summary.summaryOf(List.of(
                TestDebts.open(alice, ids.next().toString(), "Alice", 1_000, 0, "EUR", TODAY.minusDays(1)),
                TestDebts.open(alice, ids.next().toString(), "Bob", 2_500, 500, "EUR", TODAY.plusDays(1))));
        dynamoDb.putItem(put -> put.tableName(SUMMARIES)
                .item(SummaryItem.toItem(new StoredSummary(alice, summary, Map.of(), 1, NOW.minusSeconds(60)))));

        JsonNode body = ok(get(alice, "summary", Map.of()));

        assertThat(body.get("userId").asText()).isEqualTo(alice);
        JsonNode eur = body.get("currencies").get("EUR");
        assertThat(eur.get("openCount").asLong()).isEqualTo(2);
        assertThat(eur.get("overdueCount").asLong()).isEqualTo(1);
        assertThat(eur.get("owedToMe").asText()).isEqualTo("30.00");
        assertThat(body.get("counterparties")).hasSize(2);
        assertThat(body.get("updatedAt").asText())
                .isEqualTo(NOW.minusSeconds(60).toString());
    }

    @Test
    void summary_ofAUserWithoutOne_answers200Empty() {
        String newcomer = newUser();

        JsonNode body = ok(get(newcomer, "summary", Map.of()));

        assertThat(body.get("userId").asText()).isEqualTo(newcomer);
        assertThat(body.get("currencies").isObject()).isTrue();
        assertThat(body.get("currencies").isEmpty()).isTrue();
        assertThat(body.get("counterparties").isArray()).isTrue();
        assertThat(body.get("counterparties").isEmpty()).isTrue();
    }

    @Test
    void debts_ofAUserWithoutDebts_answersAnEmptyPageWithoutCursor() {
        JsonNode page = ok(listing(newUser(), null, "7", null));

        assertThat(page.get("items").isArray()).isTrue();
        assertThat(page.get("items").isEmpty()).isTrue();
        assertThat(page.has("nextCursor")).isFalse();
    }

    @Test
    void debts_whenTheCountIsAMultipleOfTheLimit_theLastFullPageHasNoCursor() {
        String alice = newUser();
        for (int i = 0; i < 12; i++) {
            save(TestDebts.withStatus(alice, ids.next().toString(), i % 2 == 0 ? DebtStatus.OPEN : DebtStatus.SETTLED));
        }

        JsonNode first = ok(listing(alice, DebtStatus.OPEN, "3", null));
        JsonNode second =
                ok(listing(alice, DebtStatus.OPEN, "3", first.get("nextCursor").asText()));

        assertThat(second.get("items")).hasSize(3);
        assertThat(second.has("nextCursor"))
                .as("6 open debts fill exactly two pages of 3")
                .isFalse();
        JsonNode whole = ok(listing(alice, null, "12", null));
        assertThat(whole.get("items")).hasSize(12);
        assertThat(whole.has("nextCursor")).isFalse();
    }

    private static Debt save(Debt debt) {
        dynamoDb.putItem(put -> put.tableName(DEBTS).item(DebtItem.toItem(debt)));
        return debt;
    }

    private static String newUser() {
        return UUID.randomUUID().toString();
    }

    private static APIGatewayV2HTTPEvent listing(String userId, DebtStatus status, String limit, String cursor) {
        Map<String, String> query = new HashMap<>();
        if (status != null) {
            query.put("status", status.name());
        }
        query.put("limit", limit);
        if (cursor != null) {
            query.put("cursor", cursor);
        }
        APIGatewayV2HTTPEvent event = get(userId, "debts", Map.of());
        event.setQueryStringParameters(query);
        return event;
    }

    private static APIGatewayV2HTTPEvent get(String userId, String fixture, Map<String, String> pathParameters) {
        APIGatewayV2HTTPEvent event = ApiGatewayEvents.withHeader(
                ApiGatewayEvents.load("query/" + fixture),
                "authorization",
                "Bearer " + TestTokens.issuer().issue(userId).accessToken());
        if (!pathParameters.isEmpty()) {
            event.setPathParameters(pathParameters);
        }
        return event;
    }

    private static APIGatewayV2HTTPResponse handle(APIGatewayV2HTTPEvent event) {
        return handler.handleRequest(event, new TestLambdaContext("QueryFunction"));
    }

    private static JsonNode ok(APIGatewayV2HTTPEvent event) {
        APIGatewayV2HTTPResponse response = handle(event);
        assertThat(response.getStatusCode()).as("answer %s", response.getBody()).isEqualTo(200);
        return json(response);
    }
}
