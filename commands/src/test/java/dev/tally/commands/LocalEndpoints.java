package dev.tally.commands;

import dev.tally.common.testing.LocalDynamoDb;
import dev.tally.common.testing.LocalSqs;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The local SQS and DynamoDB endpoints of common's test harness, started once for all integration
 * test classes of this module (starting them dominates the run time on a busy machine) and closed by
 * JUnit when the whole run ends. Use as
 * {@code @RegisterExtension static final LocalEndpoints ENDPOINTS = new LocalEndpoints();}.
 */
public final class LocalEndpoints implements BeforeAllCallback {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(LocalEndpoints.class);

    private LocalSqs sqs;
    private LocalDynamoDb dynamoDb;

    @Override
    public void beforeAll(ExtensionContext context) {
        ExtensionContext.Store store = context.getRoot().getStore(NAMESPACE);
        sqs = store.getOrComputeIfAbsent("sqs", key -> new LocalSqs().start(), LocalSqs.class);
        dynamoDb = store.getOrComputeIfAbsent("dynamoDb", key -> new LocalDynamoDb().start(), LocalDynamoDb.class);
    }

    /** The embedded SQS (local/sqs). */
    public LocalSqs sqs() {
        return sqs;
    }

    /** The DynamoDB endpoint. */
    public LocalDynamoDb dynamoDb() {
        return dynamoDb;
    }
}
