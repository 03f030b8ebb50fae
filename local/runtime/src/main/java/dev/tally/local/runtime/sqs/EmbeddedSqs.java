package dev.tally.local.runtime.sqs;

import java.net.URI;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;

/**
 * The embedded SQS endpoint of a local stack: ElasticMQ in this JVM on a loopback port, with
 * queue ARNs in the stack's region and local account.
 */
public final class EmbeddedSqs implements AutoCloseable {

    private final SQSRestServer server;
    private final URI endpoint;

    private EmbeddedSqs(SQSRestServer server, int port) {
        this.server = server;
        this.endpoint = URI.create("http://127.0.0.1:" + port);
    }

    /** Starts ElasticMQ on the given port (0 for a free one). */
    public static EmbeddedSqs start(int port, String region, String accountId) {
        var builder = SQSRestServerBuilder.withInterface("127.0.0.1").withAWSRegion(region).withAWSAccountId(accountId);
        SQSRestServer server = (port == 0 ? builder.withDynamicPort() : builder.withPort(port)).start();
        int bound = server.waitUntilStarted().localAddress().getPort();
        return new EmbeddedSqs(server, bound);
    }

    /** The endpoint URL for SDK clients ({@code AWS_ENDPOINT_URL_SQS}). */
    public URI endpoint() {
        return endpoint;
    }

    @Override
    public void close() {
        server.stopAndWait();
    }
}
