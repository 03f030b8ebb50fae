package dev.tally.local.dynamodb.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A case where a reference implementation departs from AWS's documented behaviour. For such a case every server
 * is compared with {@code documented} (the normalised result AWS's documentation prescribes) instead of with the
 * server under test; a listed server that differs from it is "deviate-documented", an unlisted one "disagree".
 *
 * @param caseId     {@code scenario/step}
 * @param servers    server name to what it does instead
 * @param docUrl     the AWS documentation page the expected result follows
 * @param docQuote   the sentence of that page that decides the case
 * @param documented the expected normalised result
 */
record KnownDeviation(String caseId, Map<String, String> servers, String docUrl, String docQuote, JsonNode documented) {

    KnownDeviation {
        servers = Map.copyOf(servers);
        if (docUrl == null || !docUrl.startsWith("https://docs.aws.amazon.com/")) {
            throw new IllegalArgumentException(caseId + ": a deviation cites an AWS documentation URL, got " + docUrl);
        }
        if (docQuote == null || docQuote.isBlank() || documented == null || documented.isMissingNode()) {
            throw new IllegalArgumentException(caseId + ": a deviation needs the quote and the documented result");
        }
    }

    /**
     * Reads {@code known-deviations.json}: {@code {"deviations": [{cases: [...], servers: {name: what it does},
     * doc: {url, quote}, documented: <normalised result>}]}}; one entry may explain several cases with the same
     * documented result.
     */
    static Map<String, KnownDeviation> load(ObjectMapper json, InputStream source) {
        try {
            Map<String, KnownDeviation> byCase = new LinkedHashMap<>();
            for (JsonNode entry : json.readTree(source).path("deviations")) {
                Map<String, String> servers = new LinkedHashMap<>();
                entry.path("servers")
                        .properties()
                        .forEach(s -> servers.put(s.getKey(), s.getValue().asText()));
                for (JsonNode caseId : entry.path("cases")) {
                    KnownDeviation deviation = new KnownDeviation(
                            caseId.asText(),
                            servers,
                            entry.path("doc").path("url").asText(null),
                            entry.path("doc").path("quote").asText(null),
                            entry.path("documented"));
                    if (byCase.put(deviation.caseId(), deviation) != null) {
                        throw new IllegalArgumentException(
                                "known-deviations.json lists case " + deviation.caseId() + " twice; merge the entries");
                    }
                }
            }
            return byCase;
        } catch (IOException failure) {
            throw new UncheckedIOException("cannot read known-deviations.json", failure);
        }
    }
}
