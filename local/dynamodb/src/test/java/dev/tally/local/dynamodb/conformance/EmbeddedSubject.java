package dev.tally.local.dynamodb.conformance;

import java.lang.reflect.Method;
import java.net.URI;

/**
 * The server under test: Tally's {@code EmbeddedDynamoDb}, started in this JVM on a free port.
 *
 * <p>Reached through reflection so that the suite compiles (and can be run reference-against-reference)
 * in a tree where the embedded server is not built yet; {@link #isAvailable()} says whether it is.
 */
final class EmbeddedSubject implements DynamoDbEndpoint {

    static final String CLASS_NAME = "dev.tally.local.dynamodb.EmbeddedDynamoDb";

    private final AutoCloseable server;
    private final URI endpoint;

    private EmbeddedSubject(AutoCloseable server, URI endpoint) {
        this.server = server;
        this.endpoint = endpoint;
    }

    static boolean isAvailable() {
        try {
            Class.forName(CLASS_NAME);
            return true;
        } catch (ClassNotFoundException absent) {
            return false;
        }
    }

    /** Starts an in-memory instance on a free loopback port. */
    static EmbeddedSubject start() {
        try {
            Class<?> type = Class.forName(CLASS_NAME);
            Object builder = type.getMethod("builder").invoke(null);
            Method port = builder.getClass().getMethod("port", int.class);
            port.setAccessible(true);
            builder = port.invoke(builder, 0);
            Method start = builder.getClass().getMethod("start");
            start.setAccessible(true);
            Object server = start.invoke(builder);
            Method endpoint = server.getClass().getMethod("endpoint");
            endpoint.setAccessible(true);
            return new EmbeddedSubject((AutoCloseable) server, (URI) endpoint.invoke(server));
        } catch (ReflectiveOperationException failure) {
            throw new IllegalStateException("cannot start " + CLASS_NAME + " (expected API: builder().port(0).start()"
                    + " -> endpoint(), close()): " + failure, failure);
        }
    }

    @Override
    public String name() {
        return "tally";
    }

    @Override
    public URI endpoint() {
        return endpoint;
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (Exception failure) {
            throw new IllegalStateException("closing the embedded server failed", failure);
        }
    }
}
