package dev.tally.projections.handler;

import dev.tally.common.testing.LocalDynamoDb;
import dev.tally.events.command.CommandEnvelope;
import dev.tally.projections.it.Tables;
import dev.tally.common.store.DynamoDbSummaryStore;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.config.Configurator;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The model-based property of {@link SummaryProjectionModelProperties} against the real DynamoDB
 * adapter on a local endpoint (fewer tries: every delivery is real HTTP). Each try has its own users.
 */
class SummaryProjectionModelIT {

    private static final AtomicInteger TRY = new AtomicInteger();
    private static LocalDynamoDb dynamoDb;
    private static DynamoDbClient client;

    @BeforeContainer
    static void start() {
        dynamoDb = new LocalDynamoDb().start();
        client = dynamoDb.client();
        Tables.create(client);
        Configurator.setLevel("dev.tally.projections", Level.ERROR);
    }

    @AfterContainer
    static void stop() {
        Configurator.setLevel("dev.tally.projections", Level.INFO);
        client.close();
        dynamoDb.close();
    }

    @Property(tries = 30)
    void summariesInDynamoDb_afterEveryDeliveryDuplicateRetryAndReplay_equalARecomputationFromTheDebts(
            @ForAll("interleavedCommands") List<CommandEnvelope> commands, @ForAll long deliverySeed) {
        String prefix = "try" + TRY.incrementAndGet() + "-";
        List<String> users = SummaryProjectionModelProperties.USERS.stream().map(user -> prefix + user).toList();
        List<CommandEnvelope> renamed = commands.stream().map(command -> CommandEnvelope.of(command.commandId(),
                prefix + command.userId(), command.issuedAt(), command.correlationId(), command.payload())).toList();

        new ProjectionModel(new DynamoDbSummaryStore(client, Tables.SUMMARIES), users).run(renamed, deliverySeed);
    }

    @Provide
    Arbitrary<List<CommandEnvelope>> interleavedCommands() {
        return SummaryProjectionModelProperties.interleavedCommands();
    }
}
