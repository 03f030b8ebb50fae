package dev.tally.common.aws;

import dev.tally.common.config.ConfigurationException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.core.SdkClient;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The one factory of AWS SDK clients: every client Tally builds goes through {@link #build}.
 *
 * <p>Each client gets the {@code url-connection-client} explicitly (the fastest to start, and the
 * only HTTP client on the functions' classpath), wrapped so that the JDK does not probe a kept-alive
 * connection for 1 ms before every call ({@link BufferedBodyHttpClient}, ADR 0178), the region from {@code AWS_REGION}, the
 * {@link ClientTimeouts}, the default credentials chain (SnapStart-safe; never a hard-wired
 * environment-variable provider) and, for local runs, an endpoint override from
 * {@code AWS_ENDPOINT_URL_<SERVICE>} or else {@code AWS_ENDPOINT_URL}.
 *
 * <p>Build clients once per container and keep them in {@code static final} fields. The service
 * SDKs are optional dependencies of {@code common}: {@link #dynamoDb()}, {@link #sqs()} and
 * {@link #secretsManager()} only load their service's classes when called, so a function declares
 * only the service SDKs it uses.
 */
public final class AwsClients {

    /** Endpoint override of DynamoDB. */
    public static final String DYNAMODB = "DYNAMODB";
    /** Endpoint override of SQS. */
    public static final String SQS = "SQS";
    /** Endpoint override of Secrets Manager. */
    public static final String SECRETS_MANAGER = "SECRETS_MANAGER";

    private static final String ENDPOINT_PREFIX = "AWS_ENDPOINT_URL";

    private final Function<String, String> environment;
    private final Region region;
    private final AwsCredentialsProvider credentials;
    private final ClientTimeouts timeouts;

    private AwsClients(
            Function<String, String> environment, AwsCredentialsProvider credentials, ClientTimeouts timeouts) {
        this.environment = environment;
        this.region = regionFrom(environment);
        this.credentials = credentials;
        this.timeouts = timeouts;
    }

    /** The factory for a Lambda container: process environment, default credentials chain, default timeouts. */
    public static AwsClients fromEnvironment() {
        return builder().build();
    }

    /** A builder, for tests and tools that read another environment or use other credentials. */
    public static Builder builder() {
        return new Builder();
    }

    /** A DynamoDB client (call once per container). */
    public DynamoDbClient dynamoDb() {
        return build(DynamoDbClient.builder(), DYNAMODB);
    }

    /** An SQS client (call once per container). */
    public SqsClient sqs() {
        return build(SqsClient.builder(), SQS);
    }

    /** A Secrets Manager client (call once per container). */
    public SecretsManagerClient secretsManager() {
        return build(SecretsManagerClient.builder(), SECRETS_MANAGER);
    }

    /**
     * Configures any synchronous service client builder the Tally way and builds it.
     *
     * @param builder e.g. {@code DynamoDbClient.builder()}
     * @param serviceEnvironmentName the service part of {@code AWS_ENDPOINT_URL_<SERVICE>}, e.g. {@link #DYNAMODB}
     */
    public <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C extends SdkClient> C build(
            B builder, String serviceEnvironmentName) {
        builder.region(region)
                .credentialsProvider(credentials)
                .httpClientBuilder(BufferedBodyHttpClient.wrapping(UrlConnectionHttpClient.builder()
                        .connectionTimeout(timeouts.connectionTimeout())
                        .socketTimeout(timeouts.socketTimeout())))
                .overrideConfiguration(ClientOverrideConfiguration.builder()
                        .apiCallTimeout(timeouts.apiCallTimeout())
                        .apiCallAttemptTimeout(timeouts.apiCallAttemptTimeout())
                        .build());
        endpointOverride(serviceEnvironmentName).ifPresent(builder::endpointOverride);
        return builder.build();
    }

    /** The region every client uses. */
    public Region region() {
        return region;
    }

    /** The endpoint override for a service, read from its own variable first, then the global one. */
    public Optional<URI> endpointOverride(String serviceEnvironmentName) {
        Objects.requireNonNull(serviceEnvironmentName, "serviceEnvironmentName");
        for (String name : List.of(ENDPOINT_PREFIX + "_" + serviceEnvironmentName, ENDPOINT_PREFIX)) {
            String value = environment.apply(name);
            if (value != null && !value.isBlank()) {
                return Optional.of(endpoint(name, value.strip()));
            }
        }
        return Optional.empty();
    }

    private static Region regionFrom(Function<String, String> environment) {
        String value = environment.apply("AWS_REGION");
        if (value == null || value.isBlank()) {
            throw new ConfigurationException("AwsClients", List.of("AWS_REGION is missing"));
        }
        return Region.of(value.strip());
    }

    private static URI endpoint(String name, String value) {
        try {
            URI uri = new URI(value);
            if (uri.getScheme() != null && uri.getHost() != null) {
                return uri;
            }
        } catch (URISyntaxException invalid) {
            // reported below
        }
        throw new ConfigurationException(
                "AwsClients", List.of(name + " must be an absolute URL such as http://127.0.0.1:4566"));
    }

    /** Builds an {@link AwsClients} with another environment, credentials or timeouts. */
    public static final class Builder {
        private Function<String, String> environment = System::getenv;
        private AwsCredentialsProvider credentials;
        private ClientTimeouts timeouts = ClientTimeouts.DEFAULT;

        private Builder() {}

        /** Where {@code AWS_REGION} and the endpoint overrides are read (default: the process environment). */
        public Builder environment(Function<String, String> environment) {
            this.environment = Objects.requireNonNull(environment, "environment");
            return this;
        }

        /** The credentials provider (default: the SDK's default chain). Tests pass static dummy credentials. */
        public Builder credentials(AwsCredentialsProvider credentials) {
            this.credentials = Objects.requireNonNull(credentials, "credentials");
            return this;
        }

        /** The time limits (default: {@link ClientTimeouts#DEFAULT}). */
        public Builder timeouts(ClientTimeouts timeouts) {
            this.timeouts = Objects.requireNonNull(timeouts, "timeouts");
            return this;
        }

        /** Reads the region (failing fast when {@code AWS_REGION} is missing) and returns the factory. */
        public AwsClients build() {
            AwsCredentialsProvider provider = credentials != null
                    ? credentials
                    : DefaultCredentialsProvider.builder().build();
            return new AwsClients(environment, provider, timeouts);
        }
    }
}
