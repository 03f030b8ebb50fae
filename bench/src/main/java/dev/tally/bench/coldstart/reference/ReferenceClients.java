package dev.tally.bench.coldstart.reference;

import java.net.URI;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The reference functions' one client recipe: url-connection HTTP client, region from
 * {@code AWS_REGION}, static credentials from the environment, endpoint from
 * {@code AWS_ENDPOINT_URL_DYNAMODB} when set (the local runtime sets it).
 */
final class ReferenceClients {

    private ReferenceClients() {}

    static DynamoDbClient dynamoDb() {
        DynamoDbClientBuilder builder = DynamoDbClient.builder()
                .httpClient(UrlConnectionHttpClient.create())
                .region(Region.of(System.getenv("AWS_REGION")))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(
                        System.getenv("AWS_ACCESS_KEY_ID"), System.getenv("AWS_SECRET_ACCESS_KEY"))));
        String endpoint = System.getenv("AWS_ENDPOINT_URL_DYNAMODB");
        if (endpoint != null && !endpoint.isBlank()) {
            builder.endpointOverride(URI.create(endpoint));
        }
        return builder.build();
    }

    /** One GetItem on a key no Tally user can have; true when (unexpectedly) found. */
    static boolean getItem(DynamoDbClient dynamoDb, String table) {
        return dynamoDb.getItem(request -> request.tableName(table)
                        .key(Map.of(
                                "userId", AttributeValue.fromS("bench-floor"),
                                "debtId", AttributeValue.fromS("bench-floor"))))
                .hasItem();
    }
}
