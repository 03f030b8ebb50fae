package dev.tally.bench.coldstart.reference;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The anti-pattern the floor is compared with: the {@link DynamoDbClient} is built inside the handler,
 * on every invocation, and closed after its one GetItem. Same work as {@link FloorHandler} otherwise.
 */
public final class NaiveHandler implements RequestStreamHandler {

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws java.io.IOException {
        boolean found;
        try (DynamoDbClient dynamoDb = ReferenceClients.dynamoDb()) {
            found = ReferenceClients.getItem(dynamoDb, System.getenv("TABLE_NAME"));
        }
        output.write(("{\"found\":" + found + "}").getBytes(StandardCharsets.UTF_8));
    }
}
