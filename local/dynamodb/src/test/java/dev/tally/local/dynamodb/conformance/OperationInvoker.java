package dev.tally.local.dynamodb.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.Set;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * Sends one operation, named as in the API reference ({@code PutItem}, {@code GetRecords}), through the real
 * AWS SDK for Java v2 clients to one endpoint, and returns what came back as wire-format JSON:
 * {@code {"response": {...}}} or {@code {"error": {"type", "status", "message", ...modelled fields}}}.
 */
final class OperationInvoker implements AutoCloseable {

    private static final String MODEL_PACKAGE = "software.amazon.awssdk.services.dynamodb.model.";
    private static final Set<String> STREAMS_OPERATIONS =
            Set.of("ListStreams", "DescribeStream", "GetShardIterator", "GetRecords");

    private final DynamoDbClient dynamoDb;
    private final DynamoDbStreamsClient streams;

    OperationInvoker(java.net.URI endpoint) {
        var credentials = StaticCredentialsProvider.create(AwsBasicCredentials.create("conformance", "conformance"));
        var http = UrlConnectionHttpClient.builder()
                .socketTimeout(Duration.ofSeconds(30))
                .build();
        this.dynamoDb = DynamoDbClient.builder()
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(credentials)
                .httpClient(http)
                .overrideConfiguration(
                        o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()).apiCallTimeout(Duration.ofSeconds(60)))
                .build();
        this.streams = DynamoDbStreamsClient.builder()
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(credentials)
                .httpClient(UrlConnectionHttpClient.builder()
                        .socketTimeout(Duration.ofSeconds(30))
                        .build())
                .overrideConfiguration(
                        o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()).apiCallTimeout(Duration.ofSeconds(60)))
                .build();
    }

    /** Sends {@code operation} with the wire-format {@code request}; never throws for a service error. */
    ObjectNode invoke(String operation, JsonNode request) {
        Object client = STREAMS_OPERATIONS.contains(operation) ? streams : dynamoDb;
        Class<?> clientType = client == streams ? DynamoDbStreamsClient.class : DynamoDbClient.class;
        Object sdkRequest;
        Method method;
        try {
            Class<?> requestType = Class.forName(MODEL_PACKAGE + operation + "Request");
            SdkPojo builder = (SdkPojo) requestType.getMethod("builder").invoke(null);
            sdkRequest = SdkJson.build(builder, request);
            method = clientType.getMethod(
                    Character.toLowerCase(operation.charAt(0)) + operation.substring(1), requestType);
        } catch (ReflectiveOperationException unknown) {
            throw new IllegalArgumentException("unknown DynamoDB operation '" + operation + "'", unknown);
        }
        ObjectNode result = JsonNodeFactory.instance.objectNode();
        try {
            result.set("response", SdkJson.toJson((SdkPojo) method.invoke(client, sdkRequest)));
        } catch (InvocationTargetException thrown) {
            result.set("error", describe(thrown.getCause()));
        } catch (IllegalAccessException impossible) {
            throw new IllegalStateException(impossible);
        }
        return result;
    }

    private static ObjectNode describe(Throwable failure) {
        ObjectNode error = JsonNodeFactory.instance.objectNode();
        if (failure instanceof AwsServiceException service) {
            error.put(
                    "type",
                    service.awsErrorDetails() == null
                            ? service.getClass().getSimpleName()
                            : service.awsErrorDetails().errorCode());
            error.put("status", service.statusCode());
            error.put(
                    "message",
                    service.awsErrorDetails() == null
                            ? service.getMessage()
                            : service.awsErrorDetails().errorMessage());
            if (failure instanceof SdkPojo modelled) {
                ObjectNode fields = SdkJson.toJson(modelled);
                fields.remove("message");
                fields.remove("Message");
                error.setAll(fields);
            }
            return error;
        }
        if (failure instanceof SdkClientException client) {
            error.put("type", "SdkClientException");
            error.put("message", String.valueOf(client.getMessage()));
            return error;
        }
        throw new IllegalStateException("unexpected failure from the SDK", failure);
    }

    @Override
    public void close() {
        dynamoDb.close();
        streams.close();
    }
}
