package dev.tally.local.dynamodb.conformance;

import dev.tally.local.dynamodb.EmbeddedDynamoDb;
import java.net.URI;

/** The server under test: Tally's {@link EmbeddedDynamoDb}, in this JVM, in memory, on a free loopback port. */
final class EmbeddedSubject implements DynamoDbEndpoint {

    private final EmbeddedDynamoDb server;

    private EmbeddedSubject(EmbeddedDynamoDb server) {
        this.server = server;
    }

    static EmbeddedSubject start() {
        return new EmbeddedSubject(EmbeddedDynamoDb.builder().port(0).start());
    }

    @Override
    public String name() {
        return "tally";
    }

    @Override
    public URI endpoint() {
        return server.endpoint();
    }

    @Override
    public void close() {
        server.close();
    }
}
