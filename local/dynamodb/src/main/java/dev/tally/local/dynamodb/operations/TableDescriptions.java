package dev.tally.local.dynamodb.operations;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tally.local.dynamodb.model.AttributeValue;
import dev.tally.local.dynamodb.model.IndexDefinition;
import dev.tally.local.dynamodb.model.ItemSize;
import dev.tally.local.dynamodb.model.TableDefinition;
import dev.tally.local.dynamodb.storage.ItemCollection;
import dev.tally.local.dynamodb.storage.TableData;
import java.util.Iterator;
import java.util.Map;

/** The TableDescription structure of CreateTable, DescribeTable, UpdateTable and DeleteTable. */
final class TableDescriptions {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private TableDescriptions() {}

    static ObjectNode describe(TableData data, String region, String status) {
        TableDefinition table = data.definition();
        ObjectNode node = NODES.objectNode();
        ArrayNode definitions = node.putArray("AttributeDefinitions");
        table.attributeTypes()
                .forEach((name, type) ->
                        definitions.addObject().put("AttributeName", name).put("AttributeType", type));
        node.put("TableName", table.name());
        node.set("KeySchema", keySchema(table.hashKey(), table.rangeKey()));
        node.put("TableStatus", status);
        node.put("CreationDateTime", table.createdMillis() / 1000.0);
        node.set("ProvisionedThroughput", throughput(table.readCapacity(), table.writeCapacity()));
        node.put("TableSizeBytes", data.sizeBytes());
        node.put("ItemCount", data.itemCount());
        node.put("TableArn", table.arn(region));
        node.put("TableId", table.tableId());
        if (table.billingMode().equals("PAY_PER_REQUEST")) {
            node.putObject("BillingModeSummary")
                    .put("BillingMode", "PAY_PER_REQUEST")
                    .put("LastUpdateToPayPerRequestDateTime", table.createdMillis() / 1000.0);
        }
        ArrayNode locals = NODES.arrayNode();
        ArrayNode globals = NODES.arrayNode();
        for (IndexDefinition index : table.indexes()) {
            ObjectNode i = (index.global() ? globals : locals).addObject();
            i.put("IndexName", index.name());
            i.set("KeySchema", keySchema(index.hashKey(), index.rangeKey()));
            ObjectNode projection = i.putObject("Projection").put("ProjectionType", index.projectionType());
            if (!index.nonKeyAttributes().isEmpty()) {
                ArrayNode attributes = projection.putArray("NonKeyAttributes");
                index.nonKeyAttributes().forEach(attributes::add);
            }
            ItemCollection items = data.index(index.name());
            ReadTarget target = new ReadTarget(table, index, items);
            long count = 0;
            long bytes = 0;
            for (Iterator<Map<String, AttributeValue>> it = items.scan(null); it.hasNext(); ) {
                bytes += ItemSize.of(target.projected(it.next()));
                count++;
            }
            i.put("IndexSizeBytes", bytes);
            i.put("ItemCount", count);
            i.put("IndexArn", table.arn(region) + "/index/" + index.name());
            if (index.global()) {
                i.put("IndexStatus", "ACTIVE");
                i.set("ProvisionedThroughput", throughput(index.readCapacity(), index.writeCapacity()));
            }
        }
        if (!locals.isEmpty()) {
            node.set("LocalSecondaryIndexes", locals);
        }
        if (!globals.isEmpty()) {
            node.set("GlobalSecondaryIndexes", globals);
        }
        if (table.streamViewType() != null) {
            node.putObject("StreamSpecification")
                    .put("StreamEnabled", true)
                    .put("StreamViewType", table.streamViewType());
        }
        if (table.latestStreamLabel() != null) {
            node.put("LatestStreamLabel", table.latestStreamLabel());
            node.put("LatestStreamArn", table.streamArn(region, table.latestStreamLabel()));
        }
        node.put("DeletionProtectionEnabled", false);
        return node;
    }

    static ArrayNode keySchema(String hashKey, String rangeKey) {
        ArrayNode schema = NODES.arrayNode();
        schema.addObject().put("AttributeName", hashKey).put("KeyType", "HASH");
        if (rangeKey != null) {
            schema.addObject().put("AttributeName", rangeKey).put("KeyType", "RANGE");
        }
        return schema;
    }

    private static ObjectNode throughput(long reads, long writes) {
        return NODES.objectNode()
                .put("NumberOfDecreasesToday", 0)
                .put("ReadCapacityUnits", reads)
                .put("WriteCapacityUnits", writes);
    }
}
