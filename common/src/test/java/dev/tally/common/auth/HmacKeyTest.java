package dev.tally.common.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tally.common.aws.SecretValues;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.mockito.Mockito;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueRequest;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueResponse;

class HmacKeyTest {

    @Test
    void fromSecretString_whenShorterThan32Bytes_refusesNamingTheMinimum() {
        assertThatThrownBy(() -> HmacKey.fromSecretString("x".repeat(31)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least 32 bytes")
                .hasMessageNotContaining("xxxxxxxx");
    }

    @Test
    void fromSecretString_usesTheUtf8BytesOfTheSecret() {
        String secret = "é".repeat(16); // 16 characters, 32 UTF-8 bytes

        assertThat(HmacKey.fromSecretString(secret).bytes()).isEqualTo(secret.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void toString_neverShowsTheKey() {
        assertThat(HmacKey.fromSecretString(TestTokens.SECRET).toString())
                .doesNotContain(TestTokens.SECRET.substring(0, 8));
    }

    @Test
    void fromSecretsManager_readsTheSecretStringOnceThroughSecretValues() {
        SecretsManagerClient client = Mockito.mock(SecretsManagerClient.class);
        Mockito.when(client.getSecretValue(Mockito.any(GetSecretValueRequest.class)))
                .thenReturn(GetSecretValueResponse.builder()
                        .secretString(TestTokens.SECRET)
                        .build());
        JwtKeySource source = JwtKeySource.fromSecretsManager(new SecretValues(client), "jwt-secret");

        HmacKey first = source.hmacKey();
        HmacKey second = source.hmacKey();

        assertThat(first.bytes()).isEqualTo(TestTokens.SECRET.getBytes(StandardCharsets.UTF_8));
        assertThat(second.bytes()).isEqualTo(first.bytes());
        Mockito.verify(client, Mockito.times(1)).getSecretValue(Mockito.any(GetSecretValueRequest.class));
    }
}
