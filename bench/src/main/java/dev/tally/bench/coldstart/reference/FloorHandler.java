package dev.tally.bench.coldstart.reference;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The cold-start floor: one {@code static} {@link DynamoDbClient} (url-connection client, static
 * credentials), built at class initialisation, and one GetItem per invocation. No logging library,
 * no tracing, no JSON mapping: the least a Java function that reads DynamoDB can do.
 */
public final class FloorHandler implements RequestStreamHandler {

    private static final DynamoDbClient DYNAMODB = ReferenceClients.dynamoDb();
    private static final String TABLE = System.getenv("TABLE_NAME");

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws java.io.IOException {
        boolean found = ReferenceClients.getItem(DYNAMODB, TABLE);
        output.write(("{\"found\":" + found + "}").getBytes(StandardCharsets.UTF_8));
    }
}
