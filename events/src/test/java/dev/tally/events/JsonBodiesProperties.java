package dev.tally.events;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tally.events.request.CreateDebtRequest;
import dev.tally.events.request.RecordPaymentRequest;
import dev.tally.events.request.UpdateDebtRequest;
import java.time.Instant;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/** Whatever a client sends, reading and validating a body answers with a value or field problems, never an exception. */
class JsonBodiesProperties {

    private static final String VALID = Fixtures.load("create-debt-request/v1/valid.json");

    @Provide
    Arbitrary<String> jsonish() {
        return Arbitraries.strings().withChars("{}[]\":,.0123456789-+eE nultrfasXY\\\u00e9").ofMaxLength(80);
    }

    @Property
    void anyText_givesValueOrProblems(@ForAll("jsonish") String body) {
        assertNeverThrows(body);
    }

    @Property
    void mutatedValidBody_givesValueOrProblems(@ForAll @IntRange(min = 0, max = 400) int position,
                                               @ForAll("jsonish") String insertion,
                                               @ForAll @IntRange(min = 0, max = 5) int deleted) {
        int at = Math.min(position, VALID.length());
        int end = Math.min(VALID.length(), at + deleted);
        assertNeverThrows(VALID.substring(0, at) + insertion + VALID.substring(end));
    }

    private static void assertNeverThrows(String body) {
        Validated<?> create = JsonBodies.parse(body, CreateDebtRequest.class).flatMap(r -> r.validate("debt-1"));
        Validated<?> update = JsonBodies.parse(body, UpdateDebtRequest.class).flatMap(r -> r.validate("debt-1"));
        Validated<?> payment = JsonBodies.parse(body, RecordPaymentRequest.class)
                .flatMap(r -> r.validate("debt-1", Instant.EPOCH));
        for (Validated<?> result : new Validated<?>[] {create, update, payment}) {
            assertThat(result.isValid() || !result.problems().isEmpty()).isTrue();
            result.problems().forEach(p -> assertThat(p.problem()).doesNotContain("Exception").doesNotContain("jackson"));
        }
    }
}
