package dev.tally.local.runtime.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretStoreTest {

    private static final String ARN = "arn:aws:secretsmanager:us-east-1:000000000000:secret:Jwt-abcdef";

    @TempDir
    Path directory;

    @Test
    void valueOf_generatesOnce_honouringLengthAndExclusions_andKeepsItInTheFile() throws Exception {
        Path file = directory.resolve("secrets.json");
        String value = new SecretStore(file).valueOf(ARN, Optional.empty(), 64, true, "AEIOU");

        assertThat(value).hasSize(64).matches("[A-Za-z0-9]+").doesNotContainPattern("[AEIOU]");
        assertThat(new SecretStore(file).valueOf(ARN, Optional.empty(), 64, true, "AEIOU"))
                .isEqualTo(value);
        assertThat(new SecretStore(file).get(ARN)).contains(value);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                .isEqualTo("rw-------");
    }

    @Test
    void valueOf_withLiteral_usesTheLiteral() {
        SecretStore store = new SecretStore(directory.resolve("secrets.json"));

        assertThat(store.valueOf(ARN, Optional.of("s3cr3t"), 32, false, "")).isEqualTo("s3cr3t");
        assertThat(store.get("arn:unknown")).isEmpty();
    }

    @Test
    void valueOf_withPunctuationAllowed_drawsFromTheWholeAlphabet() {
        String value = new SecretStore(directory.resolve("s.json")).valueOf(ARN, Optional.empty(), 2000, false, "");

        assertThat(value).containsPattern("[^A-Za-z0-9]");
    }
}
