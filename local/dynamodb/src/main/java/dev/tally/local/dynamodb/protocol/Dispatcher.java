package dev.tally.local.dynamodb.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tally.local.dynamodb.model.ApiException;
import dev.tally.local.dynamodb.operations.BatchOperations;
import dev.tally.local.dynamodb.operations.ItemOperations;
import dev.tally.local.dynamodb.operations.ReadOperations;
import dev.tally.local.dynamodb.operations.StreamOperations;
import dev.tally.local.dynamodb.operations.TableOperations;
import dev.tally.local.dynamodb.operations.TransactionOperations;
import dev.tally.local.dynamodb.storage.Database;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * Routes an {@code X-Amz-Target} ({@code DynamoDB_20120810.<Op>} or
 * {@code DynamoDBStreams_20120810.<Op>}) to its operation; anything else is an
 * UnknownOperationException naming it.
 */
public final class Dispatcher {

    private static final String DYNAMODB = "DynamoDB_20120810.";
    private static final String STREAMS = "DynamoDBStreams_20120810.";

    private final Map<String, Function<JsonNode, ObjectNode>> dynamoDb = new HashMap<>();
    private final Map<String, Function<JsonNode, ObjectNode>> streams = new HashMap<>();

    /** Routes to operations over this database. */
    public Dispatcher(Database database) {
        TableOperations tables = new TableOperations(database);
        ItemOperations items = new ItemOperations(database);
        ReadOperations reads = new ReadOperations(database);
        BatchOperations batches = new BatchOperations(database);
        TransactionOperations transactions = new TransactionOperations(database);
        StreamOperations streamOperations = new StreamOperations(database);
        dynamoDb.put("CreateTable", tables::createTable);
        dynamoDb.put("DescribeTable", tables::describeTable);
        dynamoDb.put("ListTables", tables::listTables);
        dynamoDb.put("DeleteTable", tables::deleteTable);
        dynamoDb.put("UpdateTable", tables::updateTable);
        dynamoDb.put("UpdateTimeToLive", tables::updateTimeToLive);
        dynamoDb.put("DescribeTimeToLive", tables::describeTimeToLive);
        dynamoDb.put("PutItem", items::putItem);
        dynamoDb.put("GetItem", items::getItem);
        dynamoDb.put("UpdateItem", items::updateItem);
        dynamoDb.put("DeleteItem", items::deleteItem);
        dynamoDb.put("Query", reads::query);
        dynamoDb.put("Scan", reads::scan);
        dynamoDb.put("BatchGetItem", batches::batchGetItem);
        dynamoDb.put("BatchWriteItem", batches::batchWriteItem);
        dynamoDb.put("TransactGetItems", transactions::transactGetItems);
        dynamoDb.put("TransactWriteItems", transactions::transactWriteItems);
        streams.put("ListStreams", streamOperations::listStreams);
        streams.put("DescribeStream", streamOperations::describeStream);
        streams.put("GetShardIterator", streamOperations::getShardIterator);
        streams.put("GetRecords", streamOperations::getRecords);
    }

    /** Runs the operation named by the target on the request body. */
    public ObjectNode dispatch(String target, JsonNode body) {
        if (target == null || target.isBlank()) {
            throw new ApiException("UnknownOperationException", 400, "Missing X-Amz-Target header");
        }
        Function<JsonNode, ObjectNode> operation = null;
        if (target.startsWith(DYNAMODB)) {
            operation = dynamoDb.get(target.substring(DYNAMODB.length()));
        } else if (target.startsWith(STREAMS)) {
            operation = streams.get(target.substring(STREAMS.length()));
        }
        if (operation == null) {
            throw new ApiException(
                    "UnknownOperationException",
                    400,
                    "Operation " + target + " is not supported by Tally's local DynamoDB");
        }
        if (body == null || !body.isObject()) {
            throw new ApiException("SerializationException", 400, "The request body must be a JSON object");
        }
        return operation.apply(body);
    }
}
