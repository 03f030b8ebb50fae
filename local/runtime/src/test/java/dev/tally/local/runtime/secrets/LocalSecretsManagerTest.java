package dev.tally.local.runtime.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The local Secrets Manager serves a secret only to requests signed with the run's access key id. */
class LocalSecretsManagerTest {

    private static final HttpClient CLIENT = HttpClient.newHttpClient();
    private static final String ARN = "arn:aws:secretsmanager:us-east-1:000000000000:secret:jwt-AbCdEf";

    @TempDir
    Path directory;

    private LocalSecretsManager manager;

    @BeforeEach
    void start() throws Exception {
        SecretStore store = new SecretStore(directory.resolve("secrets.json"));
        store.valueOf(ARN, Optional.of("signing-key"), 0, true, "");
        manager = new LocalSecretsManager(store, "ASIALOCALRUN1");
        manager.register(ARN, "jwt");
    }

    @AfterEach
    void stop() {
        manager.close();
    }

    private HttpResponse<String> getSecret(String authorization, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(manager.endpoint() + "/"))
                .header("X-Amz-Target", "secretsmanager.GetSecretValue")
                .header("Content-Type", "application/x-amz-json-1.1")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void getSecretValue_whenSignedWithTheRunKey_returnsTheSecret() throws Exception {
        HttpResponse<String> response = getSecret(
                "AWS4-HMAC-SHA256 Credential=ASIALOCALRUN1/20261204/us-east-1/"
                        + "secretsmanager/aws4_request, SignedHeaders=host, Signature=00",
                "{\"SecretId\":\"jwt\"}");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"SecretString\":\"signing-key\"");
    }

    @Test
    void getSecretValue_whenUnsigned_is403WithoutTheSecret() throws Exception {
        HttpResponse<String> response = getSecret(null, "{\"SecretId\":\"jwt\"}");

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.body()).contains("UnrecognizedClientException").doesNotContain("signing-key");
    }

    @Test
    void getSecretValue_whenSignedWithAnotherKey_is403() throws Exception {
        HttpResponse<String> response = getSecret(
                "AWS4-HMAC-SHA256 Credential=local/20261204/us-east-1/"
                        + "secretsmanager/aws4_request, SignedHeaders=host, Signature=00",
                "{\"SecretId\":\"jwt\"}");

        assertThat(response.statusCode()).isEqualTo(403);
    }

    @Test
    void getSecretValue_whenTheBodyIsOverTheLimit_is413() throws Exception {
        HttpResponse<String> response = getSecret(
                "AWS4-HMAC-SHA256 Credential=ASIALOCALRUN1/x",
                "{\"SecretId\":\"" + "x".repeat(LocalSecretsManager.MAX_BODY_BYTES) + "\"}");

        assertThat(response.statusCode()).isEqualTo(413);
    }
}
