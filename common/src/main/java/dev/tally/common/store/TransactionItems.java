package dev.tally.common.store;

import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.Update;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * A single-item write as one item of a {@code TransactWriteItems}: the adapters build each write once,
 * as the single-item request (with its condition), and a batch unit writes the same request inside
 * its transaction (ADRs 0117, 0118). Used by the worker's and the projection's batch units.
 */
public final class TransactionItems {

    private TransactionItems() {}

    /** {@code request} (table, item, condition, names, values) as a transaction's put. */
    public static TransactWriteItem put(PutItemRequest request) {
        return TransactWriteItem.builder()
                .put(Put.builder()
                        .tableName(request.tableName())
                        .item(request.item())
                        .conditionExpression(request.conditionExpression())
                        .expressionAttributeNames(
                                request.hasExpressionAttributeNames() ? request.expressionAttributeNames() : null)
                        .expressionAttributeValues(
                                request.hasExpressionAttributeValues() ? request.expressionAttributeValues() : null)
                        .build())
                .build();
    }

    /** {@code request} (table, key, update, condition, names, values) as a transaction's update. */
    public static TransactWriteItem update(UpdateItemRequest request) {
        return TransactWriteItem.builder()
                .update(Update.builder()
                        .tableName(request.tableName())
                        .key(request.key())
                        .updateExpression(request.updateExpression())
                        .conditionExpression(request.conditionExpression())
                        .expressionAttributeNames(request.expressionAttributeNames())
                        .expressionAttributeValues(request.expressionAttributeValues())
                        .build())
                .build();
    }
}
