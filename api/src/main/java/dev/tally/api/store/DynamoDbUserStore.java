package dev.tally.api.store;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * The users table in DynamoDB: one {@code USER#<userId>} item with the profile and one
 * {@code EMAIL#<lower-cased e-mail>} item with the user id and password hash (the login lookup).
 *
 * <p>Both items are written in one {@code TransactWriteItems}, each with
 * {@code attribute_not_exists(pk)}, so two concurrent registrations of one e-mail cannot both win.
 * A transaction cancelled because another transaction held the item ({@code TransactionConflict})
 * is tried again a few times after a short jittered pause: the retry then sees the winner's item
 * and answers {@link CreateUserResult#EMAIL_TAKEN}.
 */
public final class DynamoDbUserStore implements UserStore {

    static final String KEY = "pk";
    static final String USER_PREFIX = "USER#";
    static final String EMAIL_PREFIX = "EMAIL#";
    static final String CONDITION_NEW_ITEM = "attribute_not_exists(pk)";
    static final int MAX_ATTEMPTS = 4;

    private static final int USER_ITEM = 0;
    private static final int EMAIL_ITEM = 1;
    private static final String CONDITIONAL_CHECK_FAILED = "ConditionalCheckFailed";
    private static final String TRANSACTION_CONFLICT = "TransactionConflict";

    private final DynamoDbClient dynamoDb;
    private final String tableName;

    public DynamoDbUserStore(DynamoDbClient dynamoDb, String tableName) {
        this.dynamoDb = Objects.requireNonNull(dynamoDb, "dynamoDb");
        this.tableName = Objects.requireNonNull(tableName, "tableName");
    }

    @Override
    public CreateUserResult create(NewUser user) {
        TransactWriteItemsRequest request = createRequest(user);
        for (int attempt = 1; ; attempt++) {
            try {
                dynamoDb.transactWriteItems(request);
                return CreateUserResult.CREATED;
            } catch (TransactionCanceledException cancelled) {
                List<CancellationReason> reasons = cancelled.cancellationReasons();
                if (hasCode(reasons, EMAIL_ITEM, CONDITIONAL_CHECK_FAILED)) {
                    return CreateUserResult.EMAIL_TAKEN;
                }
                if (hasCode(reasons, USER_ITEM, CONDITIONAL_CHECK_FAILED)) {
                    throw new IllegalStateException("user id " + user.userId() + " already exists", cancelled);
                }
                if (!isConflict(reasons) || attempt >= MAX_ATTEMPTS) {
                    throw cancelled;
                }
                backOff(attempt, cancelled);
            }
        }
    }

    @Override
    public Optional<UserCredentials> findCredentials(String normalizedEmail) {
        Map<String, AttributeValue> item = dynamoDb.getItem(GetItemRequest.builder()
                        .tableName(tableName)
                        .key(Map.of(KEY, s(EMAIL_PREFIX + normalizedEmail)))
                        .consistentRead(true)
                        .build())
                .item();
        if (item == null || item.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new UserCredentials(
                item.get("userId").s(), item.get("passwordHash").s()));
    }

    TransactWriteItemsRequest createRequest(NewUser user) {
        Map<String, AttributeValue> userItem = Map.of(
                KEY,
                s(USER_PREFIX + user.userId()),
                "userId",
                s(user.userId()),
                "email",
                s(user.email()),
                "displayName",
                s(user.displayName()),
                "createdAt",
                s(user.createdAt().toString()));
        Map<String, AttributeValue> emailItem = Map.of(
                KEY,
                s(EMAIL_PREFIX + user.email()),
                "userId",
                s(user.userId()),
                "passwordHash",
                s(user.passwordHash()));
        return TransactWriteItemsRequest.builder()
                .transactItems(newItem(userItem), newItem(emailItem))
                .build();
    }

    private TransactWriteItem newItem(Map<String, AttributeValue> item) {
        return TransactWriteItem.builder()
                .put(Put.builder()
                        .tableName(tableName)
                        .item(item)
                        .conditionExpression(CONDITION_NEW_ITEM)
                        .build())
                .build();
    }

    /** A short, jittered pause before retrying a conflicting transaction (5–25 ms times the attempt). */
    private static void backOff(int attempt, TransactionCanceledException cancelled) {
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(5, 26) * attempt);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw cancelled;
        }
    }

    private static boolean hasCode(List<CancellationReason> reasons, int index, String code) {
        return reasons != null
                && reasons.size() > index
                && code.equals(reasons.get(index).code());
    }

    private static boolean isConflict(List<CancellationReason> reasons) {
        return reasons != null && reasons.stream().anyMatch(reason -> TRANSACTION_CONFLICT.equals(reason.code()));
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }
}
