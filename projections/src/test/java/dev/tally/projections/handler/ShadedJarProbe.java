package dev.tally.projections.handler;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue;
import dev.tally.common.domain.Debt;
import dev.tally.common.domain.DebtDecider;
import dev.tally.common.domain.Decision;
import dev.tally.common.testing.TestLambdaContext;
import dev.tally.events.Money;
import dev.tally.events.command.CommandEnvelope;
import dev.tally.events.command.Counterparty;
import dev.tally.events.command.CreateDebt;
import dev.tally.events.command.Direction;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Run in a separate JVM on the shaded function jar by {@link ShadedJarSmokeIT}: builds the handler as
 * Lambda does (public no-arg constructor, configuration from the environment) and invokes it once with
 * a valid INSERT of {@code user-smoke}'s debt and a malformed one (no {@code version}). Prints the
 * reported sequence numbers.
 */
public final class ShadedJarProbe {

    private ShadedJarProbe() {}

    public static void main(String[] args) {
        CreateDebt create = new CreateDebt(
                "debt-1",
                new Counterparty("Alice", "alice@example.com"),
                Direction.OWED_TO_ME,
                Money.of(4_200, "EUR"),
                "secret description",
                null);
        Debt debt = ((Decision.Applied) DebtDecider.decide(
                        null,
                        CommandEnvelope.of("cmd-1", "user-smoke", Instant.parse("2026-11-27T10:00:00Z"), null, create)))
                .debt();
        DynamodbEvent.DynamodbStreamRecord valid = StreamEvents.record("1", null, debt);
        DynamodbEvent.DynamodbStreamRecord malformed = StreamEvents.record("2", null, debt);
        Map<String, AttributeValue> image =
                new HashMap<>(malformed.getDynamodb().getNewImage());
        image.remove("version");
        malformed.getDynamodb().setNewImage(image);

        StreamsEventResponse response = new SummaryProjectionHandler()
                .handleRequest(
                        StreamEvents.event(List.of(valid, malformed)),
                        new TestLambdaContext("SummaryProjectionFunction"));

        System.out.println("FAILED_SEQUENCE_NUMBERS="
                + response.getBatchItemFailures().stream()
                        .map(StreamsEventResponse.BatchItemFailure::getItemIdentifier)
                        .toList());
    }
}
