package dev.tally.events;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tally.events.request.CreateDebtRequest;
import dev.tally.events.request.RecordPaymentRequest;
import dev.tally.events.request.UpdateDebtRequest;
import dev.tally.testkit.Generator;
import dev.tally.testkit.PropertyCheck;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Whatever a client sends, reading and validating a body answers with a value or field problems, never an exception. */
class JsonBodiesProperties {

    private static final int TRIES = 1_000;
    private static final String VALID = Fixtures.load("create-debt-request/v1/valid.json");
    private static final String JSONISH_CHARS = "{}[]\":,.0123456789-+eE nultrfasXY\\\u00e9";

    record Mutation(int position, String insertion, int deleted) {}

    @Test
    void anyText_givesValueOrProblems() {
        PropertyCheck.forAll(
                TRIES, source -> source.string(80, JSONISH_CHARS), JsonBodiesProperties::assertNeverThrows);
    }

    @Test
    void mutatedValidBody_givesValueOrProblems() {
        Generator<Mutation> mutations = source ->
                new Mutation(source.intBetween(0, 400), source.string(80, JSONISH_CHARS), source.intBetween(0, 5));

        PropertyCheck.forAll(TRIES, mutations, mutation -> {
            int at = Math.min(mutation.position(), VALID.length());
            int end = Math.min(VALID.length(), at + mutation.deleted());
            assertNeverThrows(VALID.substring(0, at) + mutation.insertion() + VALID.substring(end));
        });
    }

    private static void assertNeverThrows(String body) {
        Validated<?> create = JsonBodies.parse(body, CreateDebtRequest.class).flatMap(r -> r.validate("debt-1"));
        Validated<?> update = JsonBodies.parse(body, UpdateDebtRequest.class).flatMap(r -> r.validate("debt-1"));
        Validated<?> payment =
                JsonBodies.parse(body, RecordPaymentRequest.class).flatMap(r -> r.validate("debt-1", Instant.EPOCH));
        for (Validated<?> result : new Validated<?>[] {create, update, payment}) {
            assertThat(result.isValid() || !result.problems().isEmpty()).isTrue();
            result.problems()
                    .forEach(p ->
                            assertThat(p.problem()).doesNotContain("Exception").doesNotContain("jackson"));
        }
    }
}
