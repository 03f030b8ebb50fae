package dev.tally.local.dynamodb.operations;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tally.local.dynamodb.model.ApiException;
import dev.tally.local.dynamodb.model.TableDefinition;
import dev.tally.local.dynamodb.storage.Database;
import dev.tally.local.dynamodb.storage.TableData;
import dev.tally.local.dynamodb.streams.TableStream;
import java.util.Set;

/** CreateTable, DescribeTable, ListTables, DeleteTable, UpdateTable and the time-to-live pair. */
public final class TableOperations {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final Database database;

    /** Operations on this database. */
    public TableOperations(Database database) {
        this.database = database;
    }

    /** CreateTable. */
    public ObjectNode createTable(JsonNode body) {
        Request request = Request.of(body, "CreateTable", CreateTableParser.PARAMETERS);
        TableDefinition definition =
                CreateTableParser.parse(request, database.clock().millis());
        return database.write(batch -> {
            if (database.table(definition.name()) != null) {
                throw ApiException.inUse("Table already exists: " + definition.name());
            }
            TableData table = batch.createTable(definition);
            return wrap("TableDescription", TableDescriptions.describe(table, database.region(), "ACTIVE"));
        });
    }

    /** DescribeTable. */
    public ObjectNode describeTable(JsonNode body) {
        Request request = Request.of(body, "DescribeTable", Set.of("TableName"));
        String name = request.tableName();
        return database.read(() ->
                wrap("Table", TableDescriptions.describe(database.requireTable(name), database.region(), "ACTIVE")));
    }

    /** ListTables, in name order, paginated. */
    public ObjectNode listTables(JsonNode body) {
        Request request = Request.of(body, "ListTables", Set.of("ExclusiveStartTableName", "Limit"));
        String start = request.string("ExclusiveStartTableName");
        Integer limitValue = request.integer("Limit", 1, 100);
        int limit = limitValue == null ? 100 : limitValue;
        return database.read(() -> {
            ObjectNode response = NODES.objectNode();
            ArrayNode names = response.putArray("TableNames");
            var tables = start == null ? database.tables() : database.tables().tailMap(start, false);
            String last = null;
            for (String name : tables.keySet()) {
                if (names.size() == limit) {
                    response.put("LastEvaluatedTableName", last);
                    break;
                }
                names.add(name);
                last = name;
            }
            return response;
        });
    }

    /** DeleteTable. */
    public ObjectNode deleteTable(JsonNode body) {
        Request request = Request.of(body, "DeleteTable", Set.of("TableName"));
        String name = request.tableName();
        return database.write(batch -> {
            TableData table = database.requireTable(name);
            ObjectNode description = TableDescriptions.describe(table, database.region(), "DELETING");
            batch.deleteTable(table);
            return wrap("TableDescription", description);
        });
    }

    /** UpdateTable: stream on/off and billing mode. */
    public ObjectNode updateTable(JsonNode body) {
        Request request = Request.of(
                body,
                "UpdateTable",
                Set.of(
                        "TableName",
                        "StreamSpecification",
                        "BillingMode",
                        "ProvisionedThroughput",
                        "AttributeDefinitions",
                        "GlobalSecondaryIndexUpdates"));
        String name = request.tableName();
        JsonNode indexUpdates = request.get("GlobalSecondaryIndexUpdates");
        if (request.has("AttributeDefinitions") && indexUpdates == null) {
            throw ApiException.validation(
                    "AttributeDefinitions of UpdateTable are only for the keys of a global secondary "
                            + "index created with GlobalSecondaryIndexUpdates");
        }
        JsonNode specification = request.get("StreamSpecification");
        String viewType = CreateTableParser.streamViewType(specification);
        String billing = request.enumValue("BillingMode", null, Set.of("PROVISIONED", "PAY_PER_REQUEST"));
        JsonNode throughput = request.get("ProvisionedThroughput");
        if (specification == null && billing == null && throughput == null && indexUpdates == null) {
            throw ApiException.validation("At least one of ProvisionedThroughput, BillingMode, UpdateStreamEnabled, "
                    + "GlobalSecondaryIndexUpdates or SSESpecification or ReplicaUpdates is required");
        }
        return database.write(batch -> {
            TableData table = database.requireTable(name);
            TableDefinition definition = table.definition();
            // Validate everything first: nothing may change if any part is refused.
            TableDefinition withIndexes = indexUpdates == null
                    ? null
                    : GlobalIndexUpdates.apply(definition, indexUpdates, request.get("AttributeDefinitions"));
            if (specification != null) {
                TableStream current = database.streams().current(name);
                if (viewType != null && current != null) {
                    throw ApiException.validation("Table already has an enabled stream: " + current.arn());
                }
                if (viewType == null && current == null) {
                    throw ApiException.validation("Stream is already disabled for table " + name);
                }
            }
            String mode = billing != null ? billing : definition.billingMode();
            long reads =
                    throughput != null ? throughput.path("ReadCapacityUnits").asLong(0) : definition.readCapacity();
            long writes =
                    throughput != null ? throughput.path("WriteCapacityUnits").asLong(0) : definition.writeCapacity();
            if (billing != null || throughput != null) {
                if (mode.equals("PAY_PER_REQUEST")) {
                    if (throughput != null) {
                        throw ApiException.validation(
                                "One or more parameter values were invalid: Neither ReadCapacityUnits nor WriteCapacityUnits can be specified when BillingMode is PAY_PER_REQUEST");
                    }
                    reads = 0;
                    writes = 0;
                } else if (reads < 1 || writes < 1) {
                    throw ApiException.validation(
                            "One or more parameter values were invalid: ReadCapacityUnits and WriteCapacityUnits must both be specified when BillingMode is PROVISIONED");
                }
            }
            if (withIndexes != null) {
                batch.define(table, withIndexes);
            }
            if (specification != null) {
                batch.setStream(table, viewType);
            }
            if (billing != null || throughput != null) {
                batch.define(table, table.definition().withBilling(mode, reads, writes));
            }
            return wrap("TableDescription", TableDescriptions.describe(table, database.region(), "ACTIVE"));
        });
    }

    /** UpdateTimeToLive. */
    public ObjectNode updateTimeToLive(JsonNode body) {
        Request request = Request.of(body, "UpdateTimeToLive", Set.of("TableName", "TimeToLiveSpecification"));
        String name = request.tableName();
        JsonNode specification = request.get("TimeToLiveSpecification");
        if (specification == null) {
            throw ApiException.validation(
                    "1 validation error detected: Value null at 'timeToLiveSpecification' failed to satisfy constraint: Member must not be null");
        }
        Request.checkMembers(specification, "TimeToLiveSpecification", Set.of("Enabled", "AttributeName"));
        boolean enabled = specification.path("Enabled").asBoolean(false);
        String attribute = specification.path("AttributeName").asText("");
        if (attribute.isEmpty()) {
            throw ApiException.validation(
                    "1 validation error detected: Value null at 'timeToLiveSpecification.attributeName' failed to satisfy constraint: Member must not be null");
        }
        return database.write(batch -> {
            TableData table = database.requireTable(name);
            String current = table.definition().ttlAttribute();
            if (enabled && current != null) {
                throw ApiException.validation("TimeToLive is already enabled");
            }
            if (!enabled && current == null) {
                throw ApiException.validation("TimeToLive is already disabled");
            }
            if (!enabled && !current.equals(attribute)) {
                throw ApiException.validation(
                        "TimeToLive is active on a different AttributeName: current AttributeName is " + current);
            }
            batch.define(table, table.definition().withTtl(enabled ? attribute : null));
            ObjectNode response = NODES.objectNode();
            response.putObject("TimeToLiveSpecification")
                    .put("Enabled", enabled)
                    .put("AttributeName", attribute);
            return response;
        });
    }

    /** DescribeTimeToLive. */
    public ObjectNode describeTimeToLive(JsonNode body) {
        Request request = Request.of(body, "DescribeTimeToLive", Set.of("TableName"));
        String name = request.tableName();
        return database.read(() -> {
            String attribute = database.requireTable(name).definition().ttlAttribute();
            ObjectNode description =
                    NODES.objectNode().put("TimeToLiveStatus", attribute == null ? "DISABLED" : "ENABLED");
            if (attribute != null) {
                description.put("AttributeName", attribute);
            }
            return wrap("TimeToLiveDescription", description);
        });
    }

    private static ObjectNode wrap(String name, ObjectNode value) {
        ObjectNode response = NODES.objectNode();
        response.set(name, value);
        return response;
    }
}
