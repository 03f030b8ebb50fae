package dev.tally.projections.handler;

import dev.tally.common.store.DynamoDbSummaryStore;
import dev.tally.common.testing.LocalDynamoDb;
import dev.tally.events.command.CommandEnvelope;
import dev.tally.projections.it.Tables;
import dev.tally.testkit.PropertyCheck;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.config.Configurator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The model-based property of {@link SummaryProjectionModelProperties} against the real DynamoDB
 * adapter on a local endpoint (fewer tries: every delivery is real HTTP). Each try has its own users.
 */
class SummaryProjectionModelIT {

    private static final AtomicInteger TRY = new AtomicInteger();
    private static LocalDynamoDb dynamoDb;
    private static DynamoDbClient client;

    @BeforeAll
    static void start() {
        dynamoDb = new LocalDynamoDb().start();
        client = dynamoDb.client();
        Tables.create(client);
        Configurator.setLevel("dev.tally.projections", Level.ERROR);
    }

    @AfterAll
    static void stop() {
        Configurator.setLevel("dev.tally.projections", Level.INFO);
        client.close();
        dynamoDb.close();
    }

    @Test
    void summariesInDynamoDb_afterEveryDeliveryDuplicateRetryAndReplay_equalARecomputationFromTheDebts() {
        PropertyCheck.forAll(
                30,
                SummaryProjectionModelProperties.cases(),
                sample -> runInDynamoDb(sample.commands(), sample.deliverySeed()));
    }

    private static void runInDynamoDb(List<CommandEnvelope> commands, long deliverySeed) {
        String prefix = "try" + TRY.incrementAndGet() + "-";
        List<String> users = SummaryProjectionModelProperties.USERS.stream()
                .map(user -> prefix + user)
                .toList();
        List<CommandEnvelope> renamed = commands.stream()
                .map(command -> CommandEnvelope.of(
                        command.commandId(),
                        prefix + command.userId(),
                        command.issuedAt(),
                        command.correlationId(),
                        command.payload()))
                .toList();

        new ProjectionModel(new DynamoDbSummaryStore(client, Tables.SUMMARIES), users).run(renamed, deliverySeed);
    }
}
