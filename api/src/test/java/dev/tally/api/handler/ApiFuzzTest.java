package dev.tally.api.handler;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.tally.api.auth.AuthRequests;
import dev.tally.api.submission.CommandRequests;
import dev.tally.api.submission.CommandSubmissionService;
import dev.tally.api.submission.RequestHash;
import dev.tally.api.submission.UuidV7;
import dev.tally.api.testing.ApiGatewayEvents;
import dev.tally.api.testing.InMemoryCommandStore;
import dev.tally.api.testing.RecordingCommandQueue;
import dev.tally.api.testing.TestTokens;
import dev.tally.common.auth.JwtVerifier;
import dev.tally.common.auth.TokenVerification;
import dev.tally.common.http.ApiException;
import dev.tally.common.http.ApiRequestHandling;
import dev.tally.common.http.ApiResponses;
import dev.tally.common.store.CommandItem;
import dev.tally.common.store.ItemSize;
import dev.tally.common.testing.TestLambdaContext;
import dev.tally.events.TallyJson;
import dev.tally.events.command.CommandEnvelope;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Coverage-guided fuzzing of the parsers of untrusted input (ADR 0146): request bodies, path
 * parameters and headers through the command submission handler, the login body, and the JWT
 * verifier. Properties: never a 500 and never an exception out of a handler; whatever passes
 * validation can be sent to SQS (its JSON is valid Unicode under 256 KB, and reads back equal) and
 * recorded in DynamoDB (the command item fits).
 *
 * <p>In {@code mvn verify} these run in regression mode over the committed inputs under
 * {@code src/test/resources/dev/tally/api/handler/ApiFuzzTestInputs/}; to fuzz for real, see the
 * README ("Fuzzing"): {@code JAZZER_FUZZ=1 mvn -o -pl api -am test -Dtest=ApiFuzzTest
 * -Djazzer.max_duration=3m -Dsurefire.failIfNoSpecifiedTests=false}.
 */
class ApiFuzzTest {

    private static final List<String> ROUTES = List.of(
            "POST /debts",
            "PATCH /debts/{debtId}",
            "POST /debts/{debtId}/payments",
            "POST /debts/{debtId}/settle",
            "DELETE /debts/{debtId}");
    private static final String VALID_TOKEN = TestTokens.valid();
    private static final JwtVerifier VERIFIER = new JwtVerifier(TestTokens.SETTINGS, TestTokens.KEY);

    @FuzzTest
    void commandSubmission_neverAnswers500_andWhatItAcceptsFitsSqsAndDynamoDb(FuzzedDataProvider data)
            throws Exception {
        RecordingCommandQueue queue = new RecordingCommandQueue();
        CommandSubmissionHandler handler = new CommandSubmissionHandler(
                TestTokens.authenticator(),
                new CommandRequests(new UuidV7(), Clock.systemUTC()),
                new CommandSubmissionService(new InMemoryCommandStore(), queue, new RequestHash(TallyJson.MAPPER)),
                new ApiRequestHandling(new ApiResponses(TallyJson.MAPPER)));
        APIGatewayV2HTTPEvent event = ApiGatewayEvents.load("debts-create");
        String route = data.pickValue(ROUTES);
        event.setRouteKey(route);
        event.setPathParameters(route.contains("{debtId}") ? Map.of("debtId", data.consumeString(80)) : null);
        Map<String, String> headers = new HashMap<>();
        headers.put("authorization", data.consumeBoolean() ? "Bearer " + VALID_TOKEN : data.consumeString(400));
        headers.put("content-type", data.consumeBoolean() ? "application/json" : data.consumeString(60));
        if (data.consumeBoolean()) {
            headers.put("idempotency-key", data.consumeString(200));
        }
        event.setHeaders(headers);
        event.setIsBase64Encoded(data.consumeBoolean() && data.consumeBoolean());
        event.setBody(data.consumeRemainingAsString());

        APIGatewayV2HTTPResponse response =
                handler.handleRequest(event, new TestLambdaContext("CommandSubmissionFunction"));

        assertThat(response.getStatusCode()).as(response.getBody()).isBetween(200, 499);
        for (CommandEnvelope envelope : queue.sent()) {
            String json = TallyJson.write(envelope);
            assertThat(StandardCharsets.UTF_8.newEncoder().canEncode(json))
                    .as("SQS accepts only valid Unicode")
                    .isTrue();
            assertThat(json.getBytes(StandardCharsets.UTF_8).length).isLessThan(256 * 1024);
            assertThat(ItemSize.fits(CommandItem.accepted(
                            envelope.userId(),
                            envelope.commandId(),
                            envelope.type().name(),
                            envelope.payload().debtId(),
                            "0".repeat(64),
                            envelope.issuedAt())))
                    .isTrue();
            assertThat(TallyJson.MAPPER.readValue(json, CommandEnvelope.class)).isEqualTo(envelope);
        }
    }

    @FuzzTest
    void loginBody_isEitherARequestOrA400(FuzzedDataProvider data) {
        try {
            new AuthRequests().login(data.consumeRemainingAsString());
        } catch (ApiException refused) {
            assertThat(refused.code().status()).isEqualTo(400);
        }
    }

    @FuzzTest
    void jwtVerifier_answersVerifiedOrRejected_neverThrows(FuzzedDataProvider data) {
        String token = data.consumeBoolean() ? mutate(VALID_TOKEN, data) : data.consumeRemainingAsString();

        TokenVerification result = VERIFIER.verify(token);

        assertThat(result).isNotNull();
        if (result instanceof TokenVerification.Verified verified) {
            assertThat(verified.user().userId()).isEqualTo(TestTokens.USER_ID);
        }
    }

    private static String mutate(String token, FuzzedDataProvider data) {
        StringBuilder mutated = new StringBuilder(token);
        int edits = data.consumeInt(1, 4);
        for (int i = 0; i < edits; i++) {
            mutated.setCharAt(data.consumeInt(0, mutated.length() - 1), data.consumeChar());
        }
        return mutated.toString();
    }
}
