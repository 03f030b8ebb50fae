package dev.tally.api.store;

import dev.tally.api.auth.LoginAttemptLimiter;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * The {@code loginAttempts} table (key {@code counterKey} S, TTL {@code expiresAt} N) as fixed-window
 * counters: one atomic {@code UpdateItem ADD attempts :one} per counter and attempt, on
 * {@code account#<sha-256 of the e-mail>#<window>} and {@code source#<ip>#<window>}. Items expire one
 * window after their window ends. The e-mail is hashed so the table holds no personal data.
 */
public final class DynamoDbLoginAttemptLimiter implements LoginAttemptLimiter {

    static final String COUNT_UPDATE = "ADD #attempts :one SET #expiresAt = if_not_exists(#expiresAt, :expiresAt)";

    private final DynamoDbClient dynamoDb;
    private final String tableName;
    private final Clock clock;

    /** An adapter on {@code tableName}. */
    public DynamoDbLoginAttemptLimiter(DynamoDbClient dynamoDb, String tableName, Clock clock) {
        this.dynamoDb = Objects.requireNonNull(dynamoDb, "dynamoDb");
        this.tableName = Objects.requireNonNull(tableName, "tableName");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public Optional<Duration> attempt(String email, String sourceIp) {
        Instant now = clock.instant();
        long window = now.getEpochSecond() / WINDOW.toSeconds();
        Instant windowEnd = Instant.ofEpochSecond((window + 1) * WINDOW.toSeconds());
        long sourceCount = count("source#" + sourceIp + "#" + window, windowEnd);
        long accountCount = count("account#" + sha256(email) + "#" + window, windowEnd);
        if (sourceCount > SOURCE_LIMIT || accountCount > ACCOUNT_LIMIT) {
            return Optional.of(Duration.between(now, windowEnd));
        }
        return Optional.empty();
    }

    private long count(String counterKey, Instant windowEnd) {
        return Long.parseLong(dynamoDb.updateItem(request(counterKey, windowEnd))
                .attributes()
                .get("attempts")
                .n());
    }

    UpdateItemRequest request(String counterKey, Instant windowEnd) {
        return UpdateItemRequest.builder()
                .tableName(tableName)
                .key(Map.of("counterKey", AttributeValue.fromS(counterKey)))
                .updateExpression(COUNT_UPDATE)
                .expressionAttributeNames(Map.of("#attempts", "attempts", "#expiresAt", "expiresAt"))
                .expressionAttributeValues(Map.of(
                        ":one",
                        AttributeValue.fromN("1"),
                        ":expiresAt",
                        AttributeValue.fromN(
                                Long.toString(windowEnd.plus(WINDOW).getEpochSecond()))))
                .returnValues(ReturnValue.UPDATED_NEW)
                .build();
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException missing) {
            throw new IllegalStateException("SHA-256 is not available", missing);
        }
    }
}
