package dev.tally.local.runtime.sqs;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.pekko.actor.ActorRef;
import org.apache.pekko.actor.ActorSystem;
import org.apache.pekko.actor.Props;
import org.apache.pekko.pattern.Patterns;
import org.elasticmq.StrictSQSLimits$;
import org.elasticmq.actor.QueueManagerActor;
import org.elasticmq.actor.queue.QueueEvent;
import org.elasticmq.persistence.CreateQueueMetadata;
import org.elasticmq.persistence.sql.SqlQueuePersistenceActor;
import org.elasticmq.persistence.sql.SqlQueuePersistenceConfig;
import org.elasticmq.util.NowProvider;
import scala.Option;
import scala.util.Either;
import scalikejdbc.ConnectionPool$;
import scalikejdbc.ConnectionPoolSettings;

/**
 * ElasticMQ's own SQL persistence wired to an H2 database file in a directory: the queue manager
 * reports every queue and message change to the {@link #listener()}, which writes it (and answers
 * a send only after the write), and {@link #restore()} re-creates the stored queues and messages.
 *
 * <p>ElasticMQ reaches its database through scalikejdbc's JVM-wide default connection pool, so
 * one store can be open per JVM at a time; opening a second one fails instead of sharing the file.
 */
final class SqsStore implements AutoCloseable {

    private static final AtomicBoolean OPEN = new AtomicBoolean();
    private static final Duration RESTORE_TIMEOUT = Duration.ofSeconds(60);

    private final ActorRef listener;
    private final ActorRef queueManager;
    private final AtomicBoolean closed = new AtomicBoolean();

    private SqsStore(ActorRef listener, ActorRef queueManager) {
        this.listener = listener;
        this.queueManager = queueManager;
    }

    /** Opens (or creates) the store in {@code directory} and starts its actors in {@code system}. */
    static SqsStore open(ActorSystem system, Path directory) {
        if (!OPEN.compareAndSet(false, true)) {
            throw new IllegalStateException("another persistent embedded SQS is open in this JVM; close it first");
        }
        try {
            String uri = "jdbc:h2:file:" + directory.toAbsolutePath().resolve("queues") + ";WRITE_DELAY=0";
            ConnectionPool$ pools = ConnectionPool$.MODULE$;
            ConnectionPoolSettings settings = pools.singleton$default$4();
            pools.singleton(uri, "", "", settings, pools.singleton$default$5(uri, "", "", settings));
            var config = new SqlQueuePersistenceConfig(true, "org.h2.Driver", uri, "", "", false);
            scala.collection.immutable.List<CreateQueueMetadata> noBaseQueues =
                    scala.jdk.javaapi.CollectionConverters.asScala(java.util.List.<CreateQueueMetadata>of())
                            .toList();
            ActorRef listener = system.actorOf(Props.create(
                    SqlQueuePersistenceActor.class, () -> new SqlQueuePersistenceActor(config, noBaseQueues)));
            ActorRef queueManager = system.actorOf(Props.create(
                    QueueManagerActor.class,
                    () -> new QueueManagerActor(new NowProvider(), StrictSQSLimits$.MODULE$, Option.apply(listener))));
            return new SqsStore(listener, queueManager);
        } catch (RuntimeException e) {
            closePool();
            throw e;
        }
    }

    /** The actor that writes queue and message changes to the database. */
    ActorRef listener() {
        return listener;
    }

    /** The queue manager that reports its changes to the {@link #listener()}. */
    ActorRef queueManager() {
        return queueManager;
    }

    /** Re-creates the stored queues (dead-letter queues first) with their stored messages. */
    void restore() {
        Object result;
        try {
            result = Patterns.ask(listener, new QueueEvent.Restore(queueManager), RESTORE_TIMEOUT)
                    .toCompletableFuture()
                    .get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while restoring the stored SQS queues", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(
                    "could not restore the stored SQS queues within " + RESTORE_TIMEOUT.toSeconds() + " seconds",
                    e.getCause());
        }
        if (result instanceof Either<?, ?> either && either.isLeft()) {
            throw new IllegalStateException(
                    "could not restore the stored SQS queues: " + either.left().get());
        }
    }

    /** Closes the database connections (the actors are stopped with their actor system). */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            closePool();
        }
    }

    private static void closePool() {
        try {
            ConnectionPool$.MODULE$.close(ConnectionPool$.MODULE$.DEFAULT_NAME());
        } finally {
            OPEN.set(false);
        }
    }
}
