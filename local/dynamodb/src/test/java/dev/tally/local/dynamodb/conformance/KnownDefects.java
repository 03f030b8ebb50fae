package dev.tally.local.dynamodb.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads {@code known-defects.json}: cases where the server under test is known to be wrong and a fix is pending.
 * Such a case is still run and reported ("known defect"), the two references are compared with each other instead,
 * and the entry shows up as stale once the server agrees. Keyed by {@code "<server> <case>"}.
 */
final class KnownDefects {

    private KnownDefects() {}

    static Map<String, String> load(ObjectMapper json, InputStream source) {
        try {
            Map<String, String> defects = new LinkedHashMap<>();
            for (JsonNode entry : json.readTree(source).path("defects")) {
                String server = entry.path("server").asText();
                String caseId = entry.path("case").asText();
                String what = entry.path("what").asText();
                if (server.isBlank() || caseId.isBlank() || what.isBlank()) {
                    throw new IllegalArgumentException(
                            "known-defects.json: every entry names server, case and what: " + entry);
                }
                defects.put(server + " " + caseId, what);
            }
            return defects;
        } catch (IOException failure) {
            throw new UncheckedIOException("cannot read known-defects.json", failure);
        }
    }
}
