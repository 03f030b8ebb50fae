package dev.tally.local.dynamodb;

import static dev.tally.local.dynamodb.LocalClients.item;
import static dev.tally.local.dynamodb.LocalClients.n;
import static dev.tally.local.dynamodb.LocalClients.s;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

class ConcurrencyIT {

    @RegisterExtension
    static DynamoDbExtension ddb = DynamoDbExtension.create();

    @Test
    void optimisticUpdates_fromManyThreads_loseNothing() throws Exception {
        DynamoDbClient client = LocalClients.dynamoDb(ddb.endpoint());
        LocalClients.createTable(client, "counters", null, null);
        client.putItem(r -> r.tableName("counters").item(item("pk", s("c"), "version", n("0"))));
        int threads = 8;
        int perThread = 25;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Callable<Integer>> tasks = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            tasks.add(() -> {
                int conflicts = 0;
                for (int done = 0; done < perThread; ) {
                    String version = client.getItem(r -> r.tableName("counters")
                                    .key(item("pk", s("c")))
                                    .consistentRead(true))
                            .item()
                            .get("version")
                            .n();
                    try {
                        client.updateItem(r -> r.tableName("counters")
                                .key(item("pk", s("c")))
                                .updateExpression("SET version = version + :one")
                                .conditionExpression("version = :seen")
                                .expressionAttributeValues(Map.of(":one", n("1"), ":seen", n(version))));
                        done++;
                    } catch (ConditionalCheckFailedException e) {
                        conflicts++;
                    }
                }
                return conflicts;
            });
        }
        for (Future<Integer> result : pool.invokeAll(tasks)) {
            result.get();
        }
        pool.shutdown();

        assertThat(client.getItem(r -> r.tableName("counters").key(item("pk", s("c"))))
                        .item()
                        .get("version")
                        .n())
                .isEqualTo(Integer.toString(threads * perThread));
    }

    @Test
    void transfers_inTransactions_keepTheTotal() throws Exception {
        DynamoDbClient client = LocalClients.dynamoDb(ddb.endpoint());
        LocalClients.createTable(client, "wallets", null, null);
        for (String name : List.of("w0", "w1", "w2", "w3")) {
            client.putItem(r -> r.tableName("wallets").item(item("pk", s(name), "balance", n("100"))));
        }
        ExecutorService pool = Executors.newFixedThreadPool(6);
        List<Callable<Void>> tasks = new ArrayList<>();
        for (int t = 0; t < 6; t++) {
            int seed = t;
            tasks.add(() -> {
                for (int i = 0; i < 20; i++) {
                    String from = "w" + ((seed + i) % 4);
                    String to = "w" + ((seed + i + 1) % 4);
                    try {
                        client.transactWriteItems(r -> r.transactItems(
                                TransactWriteItem.builder()
                                        .update(u -> u.tableName("wallets")
                                                .key(item("pk", s(from)))
                                                .updateExpression("SET balance = balance - :amount")
                                                .conditionExpression("balance >= :amount")
                                                .expressionAttributeValues(Map.of(":amount", n("7"))))
                                        .build(),
                                TransactWriteItem.builder()
                                        .update(u -> u.tableName("wallets")
                                                .key(item("pk", s(to)))
                                                .updateExpression("SET balance = balance + :amount")
                                                .expressionAttributeValues(Map.of(":amount", n("7"))))
                                        .build()));
                    } catch (TransactionCanceledException e) {
                        // an empty wallet: the transfer is refused as a whole
                    }
                }
                return null;
            });
        }
        for (Future<Void> result : pool.invokeAll(tasks)) {
            result.get();
        }
        pool.shutdown();

        int total = client.scan(r -> r.tableName("wallets")).items().stream()
                .mapToInt(i -> Integer.parseInt(i.get("balance").n()))
                .peek(b -> assertThat(b).isNotNegative())
                .sum();
        assertThat(total).isEqualTo(400);
    }
}
