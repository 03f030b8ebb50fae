package dev.tally.local.runtime.sqs;

import dev.tally.local.sqs.EmbeddedSqsServer;
import java.net.URI;
import java.nio.file.Path;

/**
 * The embedded SQS endpoint of a local stack: Tally's own SQS ({@code local/sqs}, ADR 0173) in
 * this JVM on a loopback port, with queue ARNs in the stack's region and local account. Started
 * with a directory, its queues and messages are kept there in a log written before each change
 * is answered, and come back on the next start (in-flight messages visible again, receive counts
 * kept).
 */
public final class EmbeddedSqs implements AutoCloseable {

    private final EmbeddedSqsServer server;

    private EmbeddedSqs(EmbeddedSqsServer server) {
        this.server = server;
    }

    /** Starts the endpoint on the given port (0 for a free one), keeping queues in memory only. */
    public static EmbeddedSqs start(int port, String region, String accountId) {
        return new EmbeddedSqs(EmbeddedSqsServer.builder()
                .port(port)
                .region(region)
                .accountId(accountId)
                .start());
    }

    /**
     * Starts the endpoint on the given port (0 for a free one) with its queues and messages kept in
     * {@code directory}: every accepted message is written before the send is answered, and the
     * queues and messages found there are restored before the endpoint opens.
     *
     * @throws IllegalStateException if another endpoint has the directory open, or it cannot be
     *         restored
     */
    public static EmbeddedSqs start(int port, String region, String accountId, Path directory) {
        return new EmbeddedSqs(EmbeddedSqsServer.builder()
                .port(port)
                .region(region)
                .accountId(accountId)
                .dataDirectory(directory)
                .start());
    }

    /** The endpoint URL for SDK clients ({@code AWS_ENDPOINT_URL_SQS}). */
    public URI endpoint() {
        return server.endpoint();
    }

    @Override
    public void close() {
        server.close();
    }
}
