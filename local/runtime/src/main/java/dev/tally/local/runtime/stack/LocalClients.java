package dev.tally.local.runtime.stack;

import java.net.URI;
import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The SDK clients the runtime itself uses (to create resources and to poll event sources), built
 * once, with the URL-connection HTTP client, the stack's region and dummy credentials.
 */
public final class LocalClients implements AutoCloseable {

    /** The credentials every local client and container uses; the local services do not check them. */
    public static final String ACCESS_KEY_ID = "local";

    public static final String SECRET_ACCESS_KEY = "local";

    private final SdkHttpClient http;
    private final SqsClient sqs;
    private final DynamoDbClient dynamoDb;
    private final DynamoDbStreamsClient streams;

    public LocalClients(String region, URI sqsEndpoint, URI dynamoDbEndpoint) {
        this.http = UrlConnectionHttpClient.builder()
                .connectionTimeout(Duration.ofSeconds(5))
                .socketTimeout(Duration.ofSeconds(30))
                .build();
        var credentials =
                StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY_ID, SECRET_ACCESS_KEY));
        var overrides = ClientOverrideConfiguration.builder()
                .apiCallTimeout(Duration.ofSeconds(40))
                .build();
        Region awsRegion = Region.of(region);
        this.sqs = sqsEndpoint == null
                ? null
                : SqsClient.builder()
                        .httpClient(http)
                        .region(awsRegion)
                        .credentialsProvider(credentials)
                        .endpointOverride(sqsEndpoint)
                        .overrideConfiguration(overrides)
                        .build();
        this.dynamoDb = dynamoDbEndpoint == null
                ? null
                : DynamoDbClient.builder()
                        .httpClient(http)
                        .region(awsRegion)
                        .credentialsProvider(credentials)
                        .endpointOverride(dynamoDbEndpoint)
                        .overrideConfiguration(overrides)
                        .build();
        this.streams = dynamoDbEndpoint == null
                ? null
                : DynamoDbStreamsClient.builder()
                        .httpClient(http)
                        .region(awsRegion)
                        .credentialsProvider(credentials)
                        .endpointOverride(dynamoDbEndpoint)
                        .overrideConfiguration(overrides)
                        .build();
    }

    public SqsClient sqs() {
        return require(sqs, "SQS");
    }

    public DynamoDbClient dynamoDb() {
        return require(dynamoDb, "DynamoDB");
    }

    public DynamoDbStreamsClient streams() {
        return require(streams, "DynamoDB Streams");
    }

    private static <T> T require(T client, String service) {
        if (client == null) {
            throw new IllegalStateException("no " + service + " endpoint is configured");
        }
        return client;
    }

    @Override
    public void close() {
        if (sqs != null) {
            sqs.close();
        }
        if (dynamoDb != null) {
            dynamoDb.close();
            streams.close();
        }
        http.close();
    }
}
