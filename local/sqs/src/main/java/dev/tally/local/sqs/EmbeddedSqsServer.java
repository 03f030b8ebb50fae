package dev.tally.local.sqs;

import dev.tally.local.dynamodb.protocol.Http11Server;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * An SQS endpoint in this JVM speaking the AWS JSON 1.0 protocol the AWS SDK uses: standard and
 * FIFO queues, long polls, visibility, deduplication, redrive and move tasks (ADR 0173).
 * In memory, or with a data directory whose log keeps every acknowledged change across a killed
 * process:
 * <pre>{@code
 * try (EmbeddedSqsServer sqs = EmbeddedSqsServer.builder().dataDirectory(dir).start()) {
 *     SqsClient client = SqsClient.builder().endpointOverride(sqs.endpoint())...;
 * }
 * }</pre>
 */
public final class EmbeddedSqsServer implements AutoCloseable {

    private final Broker broker;
    private final Http11Server server;
    private final URI endpoint;

    private EmbeddedSqsServer(Broker broker, Http11Server server, URI endpoint) {
        this.broker = broker;
        this.server = server;
        this.endpoint = endpoint;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The endpoint URL for SDK clients ({@code AWS_ENDPOINT_URL_SQS}). */
    public URI endpoint() {
        return endpoint;
    }

    /** The bound port. */
    public int port() {
        return server.port();
    }

    @Override
    public void close() {
        try {
            server.close();
        } finally {
            broker.close();
        }
    }

    /** Options; every one has a default. */
    public static final class Builder {
        private String host = "127.0.0.1";
        private int port;
        private String region = "us-east-1";
        private String accountId = "000000000000";
        private Path dataDirectory;
        private Clock clock = Clock.systemUTC();
        private int maxConnections = 512;
        private Duration idleTimeout = Duration.ofSeconds(60);
        private long compactAfterBytes = 64L * 1024 * 1024;

        private Builder() {}

        /** The interface to bind (default 127.0.0.1). */
        public Builder host(String host) {
            this.host = Objects.requireNonNull(host, "host");
            return this;
        }

        /** The port (default 0: a free one). */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        /** The region in queue ARNs (default us-east-1). */
        public Builder region(String region) {
            this.region = Objects.requireNonNull(region, "region");
            return this;
        }

        /** The account id in queue URLs and ARNs (default 000000000000). */
        public Builder accountId(String accountId) {
            this.accountId = Objects.requireNonNull(accountId, "accountId");
            return this;
        }

        /** Keeps queues and messages in this directory (default: memory only). */
        public Builder dataDirectory(Path dataDirectory) {
            this.dataDirectory = dataDirectory;
            return this;
        }

        /** The clock for timestamps, visibility, delays, retention and deduplication (tests). */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** Connections served at once (default 512; a long poll holds one for up to 20 s). */
        public Builder maxConnections(int maxConnections) {
            this.maxConnections = maxConnections;
            return this;
        }

        /** How long a silent connection is kept (default 60 s). */
        public Builder idleTimeout(Duration idleTimeout) {
            this.idleTimeout = Objects.requireNonNull(idleTimeout, "idleTimeout");
            return this;
        }

        /** The log size past which it is rewritten as a snapshot (default 64 MiB). */
        public Builder compactAfterBytes(long compactAfterBytes) {
            this.compactAfterBytes = compactAfterBytes;
            return this;
        }

        /**
         * Restores the data directory (if any) and starts serving.
         *
         * @throws IllegalStateException if the directory is held by another server or unreadable,
         *         or the port cannot be bound
         */
        public EmbeddedSqsServer start() {
            Broker broker = new Broker(clock, region, accountId);
            if (dataDirectory != null) {
                broker.journal(FileJournal.open(dataDirectory, broker, compactAfterBytes));
            }
            try {
                Http11Server server = Http11Server.start(
                        new InetSocketAddress(InetAddress.getByName(host), port),
                        maxConnections,
                        idleTimeout,
                        "local-sqs",
                        new JsonApi(broker));
                String hostInUrl = host.contains(":") ? "[" + host + "]" : host;
                URI endpoint = URI.create("http://" + hostInUrl + ":" + server.port());
                broker.baseUrl(endpoint.toString());
                return new EmbeddedSqsServer(broker, server, endpoint);
            } catch (UnknownHostException | RuntimeException e) {
                broker.close();
                throw new IllegalStateException("cannot start the embedded SQS on " + host + ":" + port, e);
            }
        }
    }
}
