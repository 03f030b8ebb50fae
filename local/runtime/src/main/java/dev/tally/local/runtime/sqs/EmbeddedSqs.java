package dev.tally.local.runtime.sqs;

import java.net.URI;
import java.nio.file.Path;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import org.apache.pekko.actor.ActorRef;
import org.apache.pekko.actor.ActorSystem;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;

/**
 * The embedded SQS endpoint of a local stack: ElasticMQ in this JVM on a loopback port, with
 * queue ARNs in the stack's region and local account. Started with a directory, its queues and
 * their messages are kept there (see {@link SqsStore}) and come back on the next start.
 */
public final class EmbeddedSqs implements AutoCloseable {

    private final SQSRestServer server;
    private final URI endpoint;
    private final ActorSystem ownSystem;
    private final SqsStore store;

    private EmbeddedSqs(SQSRestServer server, int port, ActorSystem ownSystem, SqsStore store) {
        this.server = server;
        this.endpoint = URI.create("http://127.0.0.1:" + port);
        this.ownSystem = ownSystem;
        this.store = store;
    }

    /** Starts ElasticMQ on the given port (0 for a free one), keeping queues in memory only. */
    public static EmbeddedSqs start(int port, String region, String accountId) {
        var builder = SQSRestServerBuilder.withInterface("127.0.0.1")
                .withAWSRegion(region)
                .withAWSAccountId(accountId);
        SQSRestServer server = (port == 0 ? builder.withDynamicPort() : builder.withPort(port)).start();
        int bound = server.waitUntilStarted().localAddress().getPort();
        return new EmbeddedSqs(server, bound, null, null);
    }

    /**
     * Starts ElasticMQ on the given port (0 for a free one) with its queues and messages kept in
     * {@code directory}: every accepted message is written before the send is answered, and the
     * queues and messages found there are restored before the endpoint opens.
     *
     * @throws IllegalStateException if another persistent endpoint is open in this JVM, or the
     *         store cannot be restored
     */
    public static EmbeddedSqs start(int port, String region, String accountId, Path directory) {
        ActorSystem system = ActorSystem.create("tally-sqs");
        SqsStore store = null;
        try {
            store = SqsStore.open(system, directory);
            ActorRef queueManager = store.queueManager();
            store.restore();
            var builder = SQSRestServerBuilder.withActorSystem(system)
                    .withQueueManagerActor(queueManager)
                    .withQueueEventListener(store.listener())
                    .withInterface("127.0.0.1")
                    .withAWSRegion(region)
                    .withAWSAccountId(accountId);
            SQSRestServer server = (port == 0 ? builder.withDynamicPort() : builder.withPort(port)).start();
            int bound = server.waitUntilStarted().localAddress().getPort();
            return new EmbeddedSqs(server, bound, system, store);
        } catch (RuntimeException e) {
            terminate(system);
            if (store != null) {
                store.close();
            }
            throw e;
        }
    }

    /** The endpoint URL for SDK clients ({@code AWS_ENDPOINT_URL_SQS}). */
    public URI endpoint() {
        return endpoint;
    }

    @Override
    public void close() {
        try {
            server.stopAndWait();
        } finally {
            if (ownSystem != null) {
                terminate(ownSystem);
            }
            if (store != null) {
                store.close();
            }
        }
    }

    private static void terminate(ActorSystem system) {
        system.terminate();
        try {
            system.getWhenTerminated().toCompletableFuture().get(30, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("the embedded SQS did not stop within 30 seconds", e);
        }
    }
}
