package dev.tally.common.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.tally.common.config.ConfigurationException;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.client.config.SdkClientConfiguration;
import software.amazon.awssdk.core.client.config.SdkClientOption;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbServiceClientConfiguration;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/** Inspects the configuration of built clients; no request is sent. */
class AwsClientsTest {

    @Test
    void build_appliesRegionTimeoutsAndDefaultCredentialsChain() {
        AwsClients clients = AwsClients.builder()
                .environment(Map.of("AWS_REGION", "eu-central-1")::get)
                .build();

        try (DynamoDbClient dynamoDb = clients.dynamoDb()) {
            DynamoDbServiceClientConfiguration configuration = dynamoDb.serviceClientConfiguration();
            assertThat(configuration.region()).isEqualTo(Region.EU_CENTRAL_1);
            assertThat(configuration.endpointOverride()).isEmpty();
            assertThat(configuration.credentialsProvider()).isInstanceOf(DefaultCredentialsProvider.class);
            ClientOverrideConfiguration override = configuration.overrideConfiguration();
            assertThat(override.apiCallTimeout()).contains(Duration.ofSeconds(5));
            assertThat(override.apiCallAttemptTimeout()).contains(Duration.ofSeconds(2));
        }
    }

    @Test
    void build_whenRegionMissing_failsNamingAwsRegion() {
        ConfigurationException failure = catchThrowableOfType(
                ConfigurationException.class,
                () -> AwsClients.builder()
                        .environment(Map.<String, String>of()::get)
                        .build());

        assertThat(failure.problems()).containsExactly("AWS_REGION is missing");
    }

    @Test
    void build_whenServiceEndpointSet_itWinsOverTheGlobalOne() {
        AwsClients clients = AwsClients.builder()
                .environment(Map.of(
                        "AWS_REGION", "us-east-1",
                        "AWS_ENDPOINT_URL", "http://127.0.0.1:4566",
                        "AWS_ENDPOINT_URL_DYNAMODB", "http://127.0.0.1:8000",
                        "AWS_ENDPOINT_URL_SECRETS_MANAGER", "http://127.0.0.1:7000")::get)
                .build();

        try (DynamoDbClient dynamoDb = clients.dynamoDb();
                SqsClient sqs = clients.sqs();
                SecretsManagerClient secrets = clients.secretsManager()) {
            assertThat(dynamoDb.serviceClientConfiguration().endpointOverride())
                    .contains(URI.create("http://127.0.0.1:8000"));
            assertThat(sqs.serviceClientConfiguration().endpointOverride())
                    .contains(URI.create("http://127.0.0.1:4566"));
            assertThat(secrets.serviceClientConfiguration().endpointOverride())
                    .contains(URI.create("http://127.0.0.1:7000"));
        }
    }

    @Test
    void build_whenEndpointNotAUrl_failsNamingTheVariable() {
        AwsClients clients = AwsClients.builder()
                .environment(Map.of("AWS_REGION", "us-east-1", "AWS_ENDPOINT_URL_SQS", "localhost")::get)
                .build();

        ConfigurationException failure = catchThrowableOfType(ConfigurationException.class, clients::sqs);

        assertThat(failure.getMessage()).contains("AWS_ENDPOINT_URL_SQS");
    }

    @Test
    void build_withGivenCredentialsAndTimeouts_usesThem() {
        StaticCredentialsProvider dummy = StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"));
        ClientTimeouts timeouts = new ClientTimeouts(
                Duration.ofSeconds(9), Duration.ofSeconds(3), Duration.ofSeconds(1), Duration.ofSeconds(3));
        AwsClients clients = AwsClients.builder()
                .environment(Map.of("AWS_REGION", "us-east-1")::get)
                .credentials(dummy)
                .timeouts(timeouts)
                .build();

        try (SqsClient sqs = clients.sqs()) {
            assertThat(sqs.serviceClientConfiguration().credentialsProvider()).isSameAs(dummy);
            assertThat(sqs.serviceClientConfiguration().overrideConfiguration().apiCallTimeout())
                    .contains(Duration.ofSeconds(9));
            assertThat(sqs.serviceClientConfiguration().overrideConfiguration().apiCallAttemptTimeout())
                    .contains(Duration.ofSeconds(3));
        }
    }

    @Test
    void clientTimeouts_whenAttemptLongerThanCall_refuses() {
        assertThat(catchThrowableOfType(
                        IllegalArgumentException.class,
                        () -> new ClientTimeouts(
                                Duration.ofSeconds(1),
                                Duration.ofSeconds(2),
                                Duration.ofSeconds(1),
                                Duration.ofSeconds(1))))
                .hasMessageContaining("apiCallAttemptTimeout");
    }

    @Test
    void build_usesTheUrlConnectionHttpClient() throws ReflectiveOperationException {
        AwsClients clients = AwsClients.builder()
                .environment(Map.of("AWS_REGION", "us-east-1")::get)
                .build();

        try (DynamoDbClient dynamoDb = clients.dynamoDb()) {
            java.lang.reflect.Field field = dynamoDb.getClass().getDeclaredField("clientConfiguration");
            field.setAccessible(true);
            SdkClientConfiguration configuration = (SdkClientConfiguration) field.get(dynamoDb);
            assertThat(configuration.option(SdkClientOption.SYNC_HTTP_CLIENT).clientName())
                    .isEqualTo("UrlConnection");
            // wrapped so that no call waits for the JDK's 1 ms keep-alive probe (ADR 0178)
            assertThat(configuration.option(SdkClientOption.SYNC_HTTP_CLIENT))
                    .isInstanceOf(BufferedBodyHttpClient.class);
        }
    }

    @Test
    void httpClient_isTheOnlyOneOnTheClasspath() {
        assertThat(isPresent("software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient"))
                .isTrue();
        assertThat(isPresent("software.amazon.awssdk.http.apache.ApacheHttpClient"))
                .isFalse();
        assertThat(isPresent("software.amazon.awssdk.http.apache5.Apache5HttpClient"))
                .isFalse();
        assertThat(isPresent("software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient"))
                .isFalse();
    }

    private static boolean isPresent(String className) {
        try {
            Class.forName(className, false, AwsClientsTest.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException absent) {
            return false;
        }
    }
}
