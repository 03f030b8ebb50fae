package dev.tally.api.handler;

import static dev.tally.api.handler.AuthHandlerTest.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.tally.api.auth.AuthRequests;
import dev.tally.api.auth.AuthService;
import dev.tally.api.auth.LoginAttemptLimiter;
import dev.tally.api.store.DynamoDbLoginAttemptLimiter;
import dev.tally.api.store.DynamoDbUserStore;
import dev.tally.api.testing.ApiGatewayEvents;
import dev.tally.api.testing.ApiTables;
import dev.tally.api.testing.TestTokens;
import dev.tally.common.auth.JwtVerifier;
import dev.tally.common.auth.PasswordHasher;
import dev.tally.common.auth.TokenVerification;
import dev.tally.common.http.ApiRequestHandling;
import dev.tally.common.http.ApiResponses;
import dev.tally.common.testing.LocalDynamoDb;
import dev.tally.common.testing.TestLambdaContext;
import dev.tally.contract.ApiContract;
import dev.tally.events.TallyJson;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Register and login through the handler, against a real DynamoDB-compatible endpoint. */
class AuthIT {

    @RegisterExtension
    static final LocalDynamoDb DYNAMODB = new LocalDynamoDb();

    private static final AtomicInteger TABLES = new AtomicInteger();

    private static DynamoDbClient dynamoDb;

    @BeforeAll
    static void clients() {
        dynamoDb = DYNAMODB.client();
    }

    @AfterAll
    static void closeClients() {
        dynamoDb.close();
    }

    @Test
    void registerThenLogin_roundTripsWithTheProductionHasher() {
        String table = newUsersTable();
        RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> handler = handler(table, new PasswordHasher());

        APIGatewayV2HTTPResponse registered = handler.handleRequest(ApiGatewayEvents.load("auth-register"), context());
        assertThat(registered.getStatusCode()).isEqualTo(201);
        String userId = json(registered).get("userId").asText();

        APIGatewayV2HTTPResponse loggedIn = handler.handleRequest(ApiGatewayEvents.load("auth-login"), context());
        assertThat(loggedIn.getStatusCode()).isEqualTo(200);
        String token = json(loggedIn).get("accessToken").asText();
        TokenVerification verification = new JwtVerifier(TestTokens.SETTINGS, TestTokens.KEY).verify(token);
        assertThat(verification).isInstanceOf(TokenVerification.Verified.class);
        assertThat(((TokenVerification.Verified) verification).user().userId()).isEqualTo(userId);

        Map<String, AttributeValue> emailItem = dynamoDb.getItem(get ->
                        get.tableName(table).key(Map.of("pk", AttributeValue.fromS("EMAIL#ada.lovelace@example.com"))))
                .item();
        assertThat(emailItem.get("userId").s()).isEqualTo(userId);
        assertThat(emailItem.get("passwordHash").s())
                .startsWith("pbkdf2-sha256$600000$")
                .doesNotContain("correct horse battery staple");
        Map<String, AttributeValue> userItem = dynamoDb.getItem(
                        get -> get.tableName(table).key(Map.of("pk", AttributeValue.fromS("USER#" + userId))))
                .item();
        assertThat(userItem.get("displayName").s()).isEqualTo("Ada Lovelace");
        assertThat(userItem).doesNotContainKey("passwordHash");
    }

    @Test
    void wrongPasswordAndUnknownEmail_getTheSame401() {
        RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> handler =
                handler(newUsersTable(), new PasswordHasher(10_000));
        handler.handleRequest(ApiGatewayEvents.load("auth-register"), context());

        APIGatewayV2HTTPEvent wrongPassword = ApiGatewayEvents.load("auth-login");
        wrongPassword.setBody("{\"email\": \"ada.lovelace@example.com\", \"password\": \"not the password\"}");
        APIGatewayV2HTTPEvent unknownEmail = ApiGatewayEvents.load("auth-login");
        unknownEmail.setBody("{\"email\": \"nobody@example.com\", \"password\": \"correct horse battery staple\"}");

        APIGatewayV2HTTPResponse first = handler.handleRequest(wrongPassword, context());
        APIGatewayV2HTTPResponse second = handler.handleRequest(unknownEmail, context());

        assertThat(first.getStatusCode()).isEqualTo(401);
        assertThat(second.getStatusCode()).isEqualTo(401);
        assertThat(first.getBody()).isEqualTo(second.getBody());
        assertThat(first.getHeaders()).isEqualTo(second.getHeaders());
    }

    @Test
    void registeringTheSameEmailAgainInAnyCase_answers409() {
        RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> handler =
                handler(newUsersTable(), new PasswordHasher(10_000));
        handler.handleRequest(ApiGatewayEvents.load("auth-register"), context());

        APIGatewayV2HTTPEvent shouting = ApiGatewayEvents.load("auth-register");
        shouting.setBody(
                "{\"email\": \"ADA.LOVELACE@EXAMPLE.COM\", \"password\": \"another long password\", \"displayName\": \"Ada 2\"}");
        APIGatewayV2HTTPResponse again = handler.handleRequest(shouting, context());

        assertThat(again.getStatusCode()).isEqualTo(409);
        assertThat(json(again).get("error").get("code").asText()).isEqualTo("EMAIL_TAKEN");
    }

    @Test
    void loginAttemptsOverTheAccountLimit_answer429WithRetryAfter_evenWithTheRightPassword() {
        RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> handler =
                handler(newUsersTable(), new PasswordHasher(1_000));
        handler.handleRequest(ApiGatewayEvents.load("auth-register"), context());
        APIGatewayV2HTTPEvent wrong = ApiGatewayEvents.load("auth-login");
        wrong.setBody("{\"email\": \"ada.lovelace@example.com\", \"password\": \"not the password at all\"}");
        for (int i = 0; i < LoginAttemptLimiter.ACCOUNT_LIMIT; i++) {
            assertThat(handler.handleRequest(wrong, context()).getStatusCode()).isEqualTo(401);
        }

        APIGatewayV2HTTPResponse refused = handler.handleRequest(ApiGatewayEvents.load("auth-login"), context());

        assertThat(refused.getStatusCode()).isEqualTo(429);
        assertThat(json(refused).get("error").get("code").asText()).isEqualTo("TOO_MANY_REQUESTS");
        assertThat(Long.parseLong(refused.getHeaders().get("Retry-After")))
                .isBetween(1L, LoginAttemptLimiter.WINDOW.toSeconds());
    }

    private static String newUsersTable() {
        String name = "users-" + TABLES.incrementAndGet();
        ApiTables.createUsersTable(dynamoDb, name);
        return name;
    }

    private static RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> handler(
            String usersTable, PasswordHasher hasher) {
        String attemptsTable = "login-attempts-" + TABLES.incrementAndGet();
        ApiTables.createLoginAttemptsTable(dynamoDb, attemptsTable);
        AuthService service = new AuthService(
                new DynamoDbUserStore(dynamoDb, usersTable),
                new DynamoDbLoginAttemptLimiter(dynamoDb, attemptsTable, java.time.Clock.systemUTC()),
                hasher,
                TestTokens.issuer());
        return ApiContract.checked(new AuthHandler(
                service, new AuthRequests(), new ApiRequestHandling(new ApiResponses(TallyJson.MAPPER))));
    }

    private static TestLambdaContext context() {
        return new TestLambdaContext("AuthFunction");
    }
}
