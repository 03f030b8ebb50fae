package dev.tally.common.testing;

import dev.tally.common.aws.AwsClients;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * A local DynamoDB endpoint for integration tests, started once per test class:
 * <pre>{@code
 * @RegisterExtension
 * static final LocalDynamoDb DYNAMODB = new LocalDynamoDb();
 * ...
 * DynamoDbClient client = DYNAMODB.client();          // or LocalAws.clients(env) with DYNAMODB.environment()
 * }</pre>
 * or, without JUnit, {@code try (LocalDynamoDb dynamoDb = new LocalDynamoDb().start()) { ... }}.
 *
 * <p>Backed by Tally's own embedded DynamoDB ({@code local/dynamodb}; {@link MotoServer} stays for
 * differential checks); the backing server is chosen in
 * {@link #startBackingServer()} only. Never skips: if the server cannot start, the test fails.
 */
public final class LocalDynamoDb implements BeforeAllCallback, AfterAllCallback, AutoCloseable {

    private DynamoDbEndpoint server;

    /** Starts the backing server (once; later calls return this). */
    public synchronized LocalDynamoDb start() {
        if (server == null) {
            server = startBackingServer();
        }
        return this;
    }

    /** The one place that decides which server backs the tests. */
    static DynamoDbEndpoint startBackingServer() {
        return EmbeddedDynamoDbEndpoint.start();
    }

    /** The endpoint URL. */
    public URI endpoint() {
        return running().endpoint();
    }

    /** {@code AWS_REGION} and {@code AWS_ENDPOINT_URL_DYNAMODB}, for a function's environment lookup. */
    public Map<String, String> environment() {
        return LocalAws.environment(
                Map.of("AWS_ENDPOINT_URL_DYNAMODB", endpoint().toString()));
    }

    /** A client built by Tally's {@link AwsClients} against this endpoint (close it, or let the JVM end). */
    public DynamoDbClient client() {
        return LocalAws.clients(environment()).dynamoDb();
    }

    /** What is serving, for messages. */
    public String description() {
        return running().description();
    }

    @Override
    public synchronized void close() {
        if (server != null) {
            server.close();
            server = null;
        }
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        start();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        close();
    }

    private synchronized DynamoDbEndpoint running() {
        if (server == null) {
            throw new IllegalStateException(
                    "LocalDynamoDb is not started: register it with @RegisterExtension or call start()");
        }
        return server;
    }
}
