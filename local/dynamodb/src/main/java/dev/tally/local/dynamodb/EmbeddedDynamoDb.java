package dev.tally.local.dynamodb;

import dev.tally.local.dynamodb.protocol.Dispatcher;
import dev.tally.local.dynamodb.protocol.HttpFront;
import dev.tally.local.dynamodb.storage.Database;
import dev.tally.local.dynamodb.storage.TimeToLiveSweeper;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A DynamoDB-compatible server with Streams, on a loopback port of this JVM.
 *
 * <pre>{@code
 * try (EmbeddedDynamoDb ddb = EmbeddedDynamoDb.builder().port(0).start()) {
 *   DynamoDbClient client = DynamoDbClient.builder().endpointOverride(ddb.endpoint()) ... .build();
 * }
 * }</pre>
 *
 * <p>In memory unless a data directory is given; then every acknowledged write survives a crash.
 */
public final class EmbeddedDynamoDb implements AutoCloseable {

    private final Database database;
    private final HttpFront front;
    private final ScheduledExecutorService maintenance;
    private final String host;

    private EmbeddedDynamoDb(Database database, HttpFront front, ScheduledExecutorService maintenance, String host) {
        this.database = database;
        this.front = front;
        this.maintenance = maintenance;
        this.host = host;
    }

    /** A builder with defaults: a free port, in memory, region us-east-1. */
    public static Builder builder() {
        return new Builder();
    }

    /** The endpoint to give SDK clients, e.g. {@code http://127.0.0.1:8000}. */
    public URI endpoint() {
        return URI.create("http://" + host + ":" + port());
    }

    /** The bound port. */
    public int port() {
        return front.port();
    }

    /** The region used in ARNs and stream records. */
    public String region() {
        return database.region();
    }

    /** Runs one time-to-live sweep now (it also runs periodically); returns the items deleted. */
    public int sweepExpiredItems() {
        return TimeToLiveSweeper.sweep(database);
    }

    /** Stops serving and closes the data directory. */
    @Override
    public void close() {
        maintenance.shutdownNow();
        front.close();
        database.close();
    }

    /** Options for {@link EmbeddedDynamoDb}. */
    public static final class Builder {
        private int port;
        private Path dataDirectory;
        private String region = "us-east-1";
        private String host = "127.0.0.1";
        private Clock clock = Clock.systemUTC();
        private Duration sweepInterval = Duration.ofSeconds(1);
        private int threads = 256;
        private Duration idleTimeout = Duration.ofSeconds(30);

        private Builder() {}

        /** The port; 0 (the default) picks a free one. */
        public Builder port(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port must be 0..65535, was " + port);
            }
            this.port = port;
            return this;
        }

        /** A directory for durable data; null (the default) keeps everything in memory. */
        public Builder dataDirectory(Path dataDirectory) {
            this.dataDirectory = dataDirectory;
            return this;
        }

        /** The region in ARNs and stream records (default us-east-1). */
        public Builder region(String region) {
            this.region = Objects.requireNonNull(region, "region");
            return this;
        }

        /** The address to bind (default 127.0.0.1). */
        public Builder host(String host) {
            this.host = Objects.requireNonNull(host, "host");
            return this;
        }

        /** The clock for timestamps, TTL expiry, stream retention and iterator expiry. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** How often expired items are deleted (default one second). */
        public Builder sweepInterval(Duration sweepInterval) {
            if (sweepInterval.isNegative() || sweepInterval.isZero()) {
                throw new IllegalArgumentException("sweepInterval must be positive, was " + sweepInterval);
            }
            this.sweepInterval = sweepInterval;
            return this;
        }

        /** The most client connections served at once, one thread each (default 256). */
        public Builder threads(int threads) {
            if (threads < 1) {
                throw new IllegalArgumentException("threads must be at least 1, was " + threads);
            }
            this.threads = threads;
            return this;
        }

        /**
         * How long a client connection may stay silent, between requests or inside one, before it is
         * closed (default 30 seconds): idle keep-alive connections cannot hold every thread.
         */
        public Builder idleTimeout(Duration idleTimeout) {
            if (idleTimeout.isNegative() || idleTimeout.isZero()) {
                throw new IllegalArgumentException("idleTimeout must be positive, was " + idleTimeout);
            }
            this.idleTimeout = idleTimeout;
            return this;
        }

        /** Opens the data (replaying the log, if any) and starts serving. */
        public EmbeddedDynamoDb start() {
            Database database = Database.open(region, dataDirectory, clock);
            HttpFront front;
            try {
                front = HttpFront.start(
                        new InetSocketAddress(InetAddress.getByName(host), port),
                        new Dispatcher(database),
                        threads,
                        idleTimeout);
            } catch (java.net.UnknownHostException | RuntimeException e) {
                database.close();
                throw new IllegalStateException("cannot start the local DynamoDB on " + host + ":" + port, e);
            }
            ScheduledExecutorService maintenance = Executors.newSingleThreadScheduledExecutor(runnable -> {
                Thread thread = new Thread(runnable, "local-dynamodb-maintenance");
                thread.setDaemon(true);
                return thread;
            });
            long millis = sweepInterval.toMillis();
            maintenance.scheduleWithFixedDelay(
                    () -> {
                        try {
                            TimeToLiveSweeper.sweep(database);
                        } catch (RuntimeException e) {
                            System.getLogger(EmbeddedDynamoDb.class.getName())
                                    .log(
                                            System.Logger.Level.WARNING,
                                            "time-to-live sweep failed; retrying next interval",
                                            e);
                        }
                    },
                    millis,
                    millis,
                    TimeUnit.MILLISECONDS);
            return new EmbeddedDynamoDb(database, front, maintenance, host);
        }
    }
}
