package dev.tally.common.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Reads variables through a lookup and collects every problem instead of stopping at the first.
 *
 * <p>Values are never copied into problem messages except for non-secret shapes (numbers), so an
 * exception message is safe to log. Blank values count as missing.
 */
final class EnvironmentReader {

    private static final Pattern TABLE_NAME = Pattern.compile("[A-Za-z0-9_.-]{3,255}");

    private final Function<String, String> lookup;
    private final List<String> problems = new ArrayList<>();

    EnvironmentReader(Function<String, String> lookup) {
        this.lookup = Objects.requireNonNull(lookup, "lookup");
    }

    /** A required, non-blank value; records a problem and returns null when absent. */
    String required(String name) {
        String value = optional(name);
        if (value == null) {
            problems.add(name + " is missing");
        }
        return value;
    }

    /** An optional value, or null when absent or blank. */
    String optional(String name) {
        String value = lookup.apply(name);
        return value == null || value.isBlank() ? null : value.strip();
    }

    /** A required DynamoDB table name (3–255 of {@code A-Z a-z 0-9 _ . -}). */
    String tableName(String name) {
        String value = required(name);
        if (value != null && !TABLE_NAME.matcher(value).matches()) {
            problems.add(name + " is not a valid DynamoDB table name (3 to 255 of A-Z a-z 0-9 _ . -)");
            return null;
        }
        return value;
    }

    /** A required absolute http(s) URL, e.g. an SQS queue URL. */
    URI requiredUrl(String name) {
        String value = required(name);
        return value == null ? null : url(name, value);
    }

    /** An optional absolute http(s) URL, or null when absent. */
    URI optionalUrl(String name) {
        String value = optional(name);
        return value == null ? null : url(name, value);
    }

    /**
     * An optional https URL; plain http is accepted only for a loopback host (a local stack or a test),
     * where nothing crosses a network.
     */
    URI optionalHttpsUrl(String name) {
        URI uri = optionalUrl(name);
        if (uri != null && !JwtSettings.isHttpsOrLoopback(uri)) {
            problems.add(name + " must be an https URL (plain http only for a loopback host such as 127.0.0.1)");
            return null;
        }
        return uri;
    }

    /** An optional positive whole number, or the default when absent. */
    long positiveLong(String name, long defaultValue) {
        String value = optional(name);
        if (value == null) {
            return defaultValue;
        }
        try {
            long parsed = Long.parseLong(value);
            if (parsed > 0) {
                return parsed;
            }
        } catch (NumberFormatException notANumber) {
            // reported below
        }
        problems.add(name + " must be a positive whole number, was '" + value + "'");
        return defaultValue;
    }

    /** Throws naming every problem seen so far, if any. */
    void throwIfProblems(String configName) {
        if (!problems.isEmpty()) {
            throw new ConfigurationException(configName, problems);
        }
    }

    private URI url(String name, String value) {
        try {
            URI uri = new URI(value);
            String scheme = uri.getScheme();
            if (uri.getHost() != null && ("https".equalsIgnoreCase(scheme) || "http".equalsIgnoreCase(scheme))) {
                return uri;
            }
        } catch (URISyntaxException invalid) {
            // reported below
        }
        problems.add(name + " must be an absolute http(s) URL");
        return null;
    }
}
