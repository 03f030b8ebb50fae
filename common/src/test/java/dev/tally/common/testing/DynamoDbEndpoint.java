package dev.tally.common.testing;

import java.net.URI;

/**
 * A running DynamoDB-compatible server for tests. {@link LocalDynamoDb} talks only to this
 * interface, so replacing the backing server (moto today, Tally's own embedded DynamoDB later)
 * is a change to {@link LocalDynamoDb#startBackingServer()} alone.
 */
public interface DynamoDbEndpoint extends AutoCloseable {

    /** The HTTP endpoint, e.g. {@code http://127.0.0.1:45123}. */
    URI endpoint();

    /** What is serving, for failure messages (e.g. {@code moto_server pid 123}). */
    String description();

    /** Stops the server; calling it twice is harmless. */
    @Override
    void close();
}
