package dev.tally.common.testing;

import dev.tally.local.dynamodb.EmbeddedDynamoDb;
import java.net.URI;

/** Tally's own embedded DynamoDB (module {@code local/dynamodb}), in this JVM, on a free loopback port. */
final class EmbeddedDynamoDbEndpoint implements DynamoDbEndpoint {

    private final EmbeddedDynamoDb server;

    private EmbeddedDynamoDbEndpoint(EmbeddedDynamoDb server) {
        this.server = server;
    }

    /** Starts an in-memory server; fails (never skips) if it cannot. */
    static EmbeddedDynamoDbEndpoint start() {
        return new EmbeddedDynamoDbEndpoint(EmbeddedDynamoDb.builder()
                .host("127.0.0.1")
                .port(0)
                .region(LocalAws.REGION)
                .start());
    }

    @Override
    public URI endpoint() {
        return server.endpoint();
    }

    @Override
    public String description() {
        return "Tally embedded DynamoDB on " + server.endpoint();
    }

    @Override
    public void close() {
        server.close();
    }
}
