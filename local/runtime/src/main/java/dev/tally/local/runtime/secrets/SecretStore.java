package dev.tally.local.runtime.secrets;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The local secrets: each secret's value, generated once (as {@code GenerateSecretString} asks) and
 * kept in {@code secrets.json} in the data directory, so tokens signed before a restart still verify.
 * The file is readable by its owner only; values are never logged.
 */
public final class SecretStore {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PUNCTUATION = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~";
    private static final String LETTERS_AND_DIGITS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    private final Path file;
    private final Map<String, String> values = new LinkedHashMap<>();
    private final SecureRandom random = new SecureRandom();

    public SecretStore(Path file) {
        this.file = file;
        if (Files.exists(file)) {
            try {
                values.putAll(JSON.readValue(file.toFile(), new TypeReference<Map<String, String>>() {}));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the local secrets in " + file, e);
            }
        }
    }

    /** The secret's value: the stored one, else the given literal, else a newly generated password. */
    public synchronized String valueOf(
            String arn, Optional<String> literal, int length, boolean excludePunctuation, String excludeCharacters) {
        String existing = values.get(arn);
        if (existing != null && (literal.isEmpty() || literal.get().equals(existing))) {
            return existing;
        }
        String value = literal.orElseGet(() -> generate(length, excludePunctuation, excludeCharacters));
        values.put(arn, value);
        save();
        return value;
    }

    /** The value of a known secret, by ARN. */
    public synchronized Optional<String> get(String arn) {
        return Optional.ofNullable(values.get(arn));
    }

    private String generate(int length, boolean excludePunctuation, String excludeCharacters) {
        StringBuilder alphabet = new StringBuilder();
        for (char c : (LETTERS_AND_DIGITS + (excludePunctuation ? "" : PUNCTUATION)).toCharArray()) {
            if (excludeCharacters.indexOf(c) < 0) {
                alphabet.append(c);
            }
        }
        if (alphabet.isEmpty() || length < 1) {
            throw new IllegalArgumentException("GenerateSecretString leaves no characters or a length below 1");
        }
        StringBuilder value = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            value.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return value.toString();
    }

    private void save() {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
            Files.deleteIfExists(temporary);
            // Created owner-only in the same system call (no moment in which others could open it), then written.
            try {
                Files.createFile(
                        temporary, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } catch (UnsupportedOperationException e) {
                // Not a POSIX file system: the directory's own permissions apply.
                Files.createFile(temporary);
            }
            Files.writeString(temporary, JSON.writeValueAsString(values), StandardOpenOption.TRUNCATE_EXISTING);
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the local secrets to " + file, e);
        }
    }
}
