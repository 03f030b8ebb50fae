package dev.tally.ops.projection;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Every user with a debt or a summary: a scan of the key attribute of both tables (a summary
 * without debts is a user whose last debt was deleted, or a corrupted item, and is checked too),
 * in {@code segments} parallel scan segments per table.
 */
final class UserDirectory {

    private final DynamoDbClient dynamoDb;

    UserDirectory(DynamoDbClient dynamoDb) {
        this.dynamoDb = Objects.requireNonNull(dynamoDb, "dynamoDb");
    }

    SortedSet<String> usersOf(String... tables) {
        SortedSet<String> users = new TreeSet<>();
        for (String table : tables) {
            users.addAll(scan(table, 0, 1));
        }
        return users;
    }

    /** The same, each table scanned in {@code segments} parallel segments on {@code pool}. */
    SortedSet<String> usersOf(ExecutorService pool, int segments, String... tables) {
        ConcurrentSkipListSet<String> users = new ConcurrentSkipListSet<>();
        List<Future<?>> scans = new ArrayList<>();
        for (String table : tables) {
            for (int segment = 0; segment < segments; segment++) {
                int thisSegment = segment;
                scans.add(pool.submit(() -> users.addAll(scan(table, thisSegment, segments))));
            }
        }
        for (Future<?> scan : scans) {
            try {
                scan.get();
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while scanning for users", interrupted);
            } catch (ExecutionException failed) {
                if (failed.getCause() instanceof RuntimeException runtime) {
                    throw runtime;
                }
                throw new IllegalStateException(failed.getCause());
            }
        }
        return new TreeSet<>(users);
    }

    private List<String> scan(String table, int segment, int segments) {
        List<String> users = new ArrayList<>();
        dynamoDb
                .scanPaginator(request -> {
                    request.tableName(table)
                            .projectionExpression("#userId")
                            .expressionAttributeNames(Map.of("#userId", "userId"));
                    if (segments > 1) {
                        request.segment(segment).totalSegments(segments);
                    }
                })
                .items()
                .stream()
                .map(item -> item.get("userId"))
                .filter(Objects::nonNull)
                .map(AttributeValue::s)
                .filter(Objects::nonNull)
                .forEach(users::add);
        return users;
    }
}
