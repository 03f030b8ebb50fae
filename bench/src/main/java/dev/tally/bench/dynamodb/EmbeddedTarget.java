package dev.tally.bench.dynamodb;

import dev.tally.local.dynamodb.EmbeddedDynamoDb;
import java.net.URI;

/** Tally's embedded server, in this JVM, in memory. */
record EmbeddedTarget(EmbeddedDynamoDb server) implements BenchTarget {

    static EmbeddedTarget start(int port) {
        return new EmbeddedTarget(EmbeddedDynamoDb.builder().port(port).start());
    }

    @Override
    public String name() {
        return "tally (embedded)";
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
