package dev.tally.local.dynamodb.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;

/**
 * The differential conformance suite: every step of every scenario under {@code conformance/scenarios/} is sent
 * through the AWS SDK to the server under test (Tally's {@code EmbeddedDynamoDb}) and to the two reference
 * implementations (moto and dynoxide); the normalised results must be equal, or the difference must be a known
 * deviation of a reference from AWS's documentation (then the documented result is what every server must give).
 *
 * <p>{@code -Dconformance.subject=moto} (or {@code dynoxide}) compares the references with each other, which is
 * how new scenarios are triaged. The report goes to {@code target/conformance/report.md}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DynamoDbConformanceIT {

    private static final int MINIMUM_CASES = 300;
    private static final Path OUTPUT = Path.of("target", "conformance");

    private final ObjectMapper json = new ObjectMapper().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);
    private final List<ServerSession> sessions = new ArrayList<>();
    private List<Scenario> scenarios;
    private Map<String, KnownDeviation> deviations;
    private Map<String, String> defects;
    private ConformanceReport report;
    private String subject;

    @BeforeAll
    void startServers() throws IOException {
        scenarios = loadScenarios();
        try (InputStream source = resource("conformance/known-deviations.json")) {
            deviations = KnownDeviation.load(json, source);
        }
        try (InputStream source = resource("conformance/known-defects.json")) {
            defects = KnownDefects.load(json, source);
        }
        subject = System.getProperty("conformance.subject", "tally");
        if (subject.equals("tally")) {
            sessions.add(new ServerSession(EmbeddedSubject.start()));
        } else if (!subject.equals("moto") && !subject.equals("dynoxide")) {
            throw new IllegalArgumentException("-Dconformance.subject must be tally, moto or dynoxide, not " + subject);
        }
        for (String reference : List.of("moto", "dynoxide")) {
            DynamoDbEndpoint server =
                    reference.equals("moto") ? ReferenceServer.moto(OUTPUT) : ReferenceServer.dynoxide(OUTPUT);
            if (reference.equals(subject)) {
                sessions.add(0, new ServerSession(server));
            } else {
                sessions.add(new ServerSession(server));
            }
        }
        report = new ConformanceReport(
                json, sessions.stream().map(ServerSession::name).toList());
    }

    @AfterAll
    void stopServers() {
        if (report != null) {
            report.write(OUTPUT);
            System.out.println("Conformance (subject " + subject + ", " + report.caseCount() + " cases, details in "
                    + OUTPUT.resolve("report.md") + "):\n" + report.summaryMarkdown());
        }
        sessions.forEach(ServerSession::close);
    }

    @TestFactory
    Stream<DynamicNode> scenarios() {
        Stream<DynamicNode> cases = scenarios.stream()
                .map(scenario -> DynamicContainer.dynamicContainer(
                        scenario.name() + ": " + scenario.description(),
                        scenario.steps().stream()
                                .map(step -> DynamicTest.dynamicTest(
                                        step.id() + " (" + step.op() + ")",
                                        () -> runCase(scenario.name() + "/" + step.id(), step)))));
        DynamicTest size = DynamicTest.dynamicTest(
                "the suite holds at least " + MINIMUM_CASES + " cases",
                () -> assertThat(scenarios.stream()
                                .mapToInt(s -> s.steps().size())
                                .sum())
                        .isGreaterThanOrEqualTo(MINIMUM_CASES));
        List<String> caseIds = scenarios.stream()
                .flatMap(s -> s.steps().stream().map(step -> s.name() + "/" + step.id()))
                .toList();
        DynamicTest listed = DynamicTest.dynamicTest("every known deviation and defect names an existing case", () -> {
            assertThat(caseIds).containsAll(deviations.keySet());
            assertThat(caseIds)
                    .containsAll(defects.keySet().stream()
                            .map(key -> key.substring(key.indexOf(' ') + 1))
                            .toList());
        });
        return Stream.concat(Stream.of(size, listed), cases);
    }

    private void runCase(String caseId, Scenario.Step step) {
        Map<String, JsonNode> normalized = new LinkedHashMap<>();
        for (ServerSession session : sessions) {
            ObjectNode raw = session.run(step);
            ObjectNode result = ResultNormalizer.normalize(step, raw.deepCopy());
            ResultNormalizer.recordSequenceOrder(raw, result);
            normalized.put(session.name(), reparsed(result));
        }
        KnownDeviation deviation = deviations.get(caseId);
        String subjectName = sessions.get(0).name();
        boolean defect = defects.containsKey(subjectName + " " + caseId);
        // a tracked defect of the server under test: the references are compared with each other instead
        String baseline = defect ? sessions.get(1).name() : subjectName;
        JsonNode expected = deviation != null ? deviation.documented() : normalized.get(baseline);
        Map<String, Verdict> verdicts = new LinkedHashMap<>();
        normalized.forEach((server, result) -> {
            boolean listed = deviation != null && deviation.servers().containsKey(server)
                    || defect && server.equals(subjectName);
            Verdict verdict;
            if (deviation == null && server.equals(baseline)) {
                verdict = Verdict.BASELINE;
            } else if (result.equals(expected)) {
                verdict = listed ? Verdict.STALE_ENTRY : Verdict.AGREE;
            } else if (listed) {
                verdict = defect && server.equals(subjectName) ? Verdict.KNOWN_DEFECT : Verdict.DEVIATE_DOCUMENTED;
            } else {
                verdict = Verdict.DISAGREE;
            }
            verdicts.put(server, verdict);
        });
        report.record(caseId, verdicts, normalized);
        assertThat(verdicts.values())
                .as(() -> caseId
                        + (deviation == null
                                ? " (compared with " + baseline + ")"
                                : " (compared with the documented result, " + deviation.docUrl() + ")")
                        + "\nexpected: " + expected + "\n" + describe(normalized))
                .doesNotContain(Verdict.DISAGREE);
    }

    /** Re-reads the result from text so its numbers have the same node types as the documented results. */
    private JsonNode reparsed(JsonNode result) {
        try {
            return json.readTree(json.writeValueAsString(result));
        } catch (IOException impossible) {
            throw new UncheckedIOException(impossible);
        }
    }

    private static String describe(Map<String, JsonNode> results) {
        StringBuilder out = new StringBuilder();
        results.forEach((server, result) ->
                out.append(server).append(": ").append(result).append('\n'));
        return out.toString();
    }

    private List<Scenario> loadScenarios() {
        try {
            Path directory = Path.of(getClass()
                    .getClassLoader()
                    .getResource("conformance/scenarios")
                    .toURI());
            try (Stream<Path> files = Files.list(directory)) {
                List<Scenario> loaded = new ArrayList<>();
                for (Path file : files.filter(f -> f.toString().endsWith(".json"))
                        .sorted()
                        .toList()) {
                    try (InputStream source = Files.newInputStream(file)) {
                        loaded.add(Scenario.load(
                                json, file.getFileName().toString().replace(".json", ""), source));
                    }
                }
                return loaded;
            }
        } catch (IOException | URISyntaxException failure) {
            throw new IllegalStateException("cannot list conformance/scenarios on the test classpath", failure);
        }
    }

    private InputStream resource(String name) {
        InputStream source = getClass().getClassLoader().getResourceAsStream(name);
        if (source == null) {
            throw new UncheckedIOException(new IOException("missing test resource " + name));
        }
        return source;
    }
}
