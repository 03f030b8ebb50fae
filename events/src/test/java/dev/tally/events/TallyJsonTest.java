package dev.tally.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TallyJsonTest {

    record Sample(String name, Instant at, LocalDate on, BigDecimal big, Integer count, Map<String, Integer> map) {}

    record Flag(boolean on) {}

    record Count(int count) {}

    @Test
    void write_usesIsoStringsPlainDecimalsSortedMapsAndOmitsNulls() {
        String json = TallyJson.write(new Sample(
                null,
                Instant.parse("2026-11-27T10:15:30Z"),
                LocalDate.of(2026, 12, 31),
                new BigDecimal("1E+3"),
                null,
                Map.of("b", 2, "a", 1)));

        assertThat(json)
                .isEqualTo(
                        "{\"at\":\"2026-11-27T10:15:30Z\",\"on\":\"2026-12-31\",\"big\":1000,\"map\":{\"a\":1,\"b\":2}}");
    }

    @Test
    void read_ignoresUnknownPropertiesOnTheSharedMapper() throws Exception {
        Sample sample = TallyJson.MAPPER.readValue("{\"name\":\"x\",\"future\":true}", Sample.class);

        assertThat(sample.name()).isEqualTo("x");
    }

    @Test
    void read_doesNotCoerceNumbersToStrings() {
        assertThat(JsonBodies.parseLenient("{\"name\":12}", Sample.class).problems())
                .containsExactly(new FieldProblem("name", "must be a JSON string"));
    }

    @Test
    void read_doesNotCoerceStringsToNumbersOrBooleans() {
        assertThat(JsonBodies.parseLenient("{\"count\":\"12\"}", Count.class).problems())
                .containsExactly(new FieldProblem("count", "must be a JSON number"));
        assertThat(JsonBodies.parseLenient("{\"on\":\"true\"}", Flag.class).problems())
                .containsExactly(new FieldProblem("on", "must be true or false"));
    }

    @Test
    void read_refusesNullForPrimitives() {
        assertThat(JsonBodies.parseLenient("{\"count\":null}", Count.class).problems())
                .containsExactly(new FieldProblem("count", "must not be null"));
    }

    @Test
    void read_refusesTrailingTokensAndDuplicateKeys() {
        assertThat(JsonBodies.parseLenient("{\"count\":1} {}", Count.class).isValid())
                .isFalse();
        assertThat(JsonBodies.parseLenient("{\"count\":1,\"count\":2}", Count.class)
                        .problems())
                .singleElement()
                .extracting(FieldProblem::field)
                .isEqualTo("body");
    }

    record WithPredicate(int count) {
        public boolean isEmpty() {
            return count == 0;
        }
    }

    @Test
    void write_leavesOutIsPredicates_recordsAreTheirComponents() {
        assertThat(TallyJson.write(new WithPredicate(0))).isEqualTo("{\"count\":0}");
    }

    @Test
    void mapper_writesInstantsAsIsoText() {
        JsonNode tree = TallyJson.MAPPER.valueToTree(Instant.EPOCH);
        assertThat(tree.textValue()).isEqualTo("1970-01-01T00:00:00Z");
    }
}
