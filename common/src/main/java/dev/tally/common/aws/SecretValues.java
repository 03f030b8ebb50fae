package dev.tally.common.aws;

import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueRequest;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueResponse;

/**
 * Reads secret strings from Secrets Manager, each at most once per container.
 *
 * <p>Values are kept in memory only and are never logged; a secret without a string value
 * (a binary secret) is refused with a message naming the secret, not its content.
 */
public final class SecretValues {

    private final SecretsManagerClient secretsManager;
    private final Map<String, String> cache = new ConcurrentHashMap<>();

    /** Reads through the given client (built by {@link AwsClients#secretsManager()}). */
    public SecretValues(SecretsManagerClient secretsManager) {
        this.secretsManager = Objects.requireNonNull(secretsManager, "secretsManager");
    }

    /**
     * The secret string of a secret, fetched on first use and remembered afterwards.
     *
     * @param secretId the secret's ARN or name
     */
    public String secretString(String secretId) {
        Objects.requireNonNull(secretId, "secretId");
        return cache.computeIfAbsent(secretId, this::fetch);
    }

    /** The secret string read now from Secrets Manager, bypassing (and refreshing) the remembered value. */
    public String fetchSecretString(String secretId) {
        Objects.requireNonNull(secretId, "secretId");
        String value = fetch(secretId);
        cache.put(secretId, value);
        return value;
    }

    private String fetch(String secretId) {
        GetSecretValueResponse response = secretsManager.getSecretValue(
                GetSecretValueRequest.builder().secretId(secretId).build());
        String value = response.secretString();
        if (value == null) {
            throw new IllegalStateException(
                    "Secret " + secretId + " has no string value; store the key as a secret string");
        }
        return value;
    }
}
