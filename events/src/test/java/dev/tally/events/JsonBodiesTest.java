package dev.tally.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class JsonBodiesTest {

    record Inner(String name) {}

    record Outer(Inner inner, List<Inner> items, String text) {}

    enum Colour {
        RED,
        GREEN
    }

    record Paint(Colour colour) {}

    @Test
    void parse_whenValid_givesValue() {
        Outer outer = JsonBodies.parse("{\"inner\":{\"name\":\"a\"},\"text\":\"t\"}", Outer.class)
                .orElseThrow();

        assertThat(outer.inner().name()).isEqualTo("a");
        assertThat(outer.text()).isEqualTo("t");
    }

    @Test
    void parse_whenUnknownProperty_namesItWithItsPathAndTheKnownOnes() {
        assertThat(JsonBodies.parse("{\"inner\":{\"name\":\"a\",\"nick\":\"b\"}}", Outer.class)
                        .problems())
                .containsExactly(new FieldProblem("inner.nick", "is not a known property (known: name)"));
    }

    @Test
    void parseLenient_whenUnknownProperty_ignoresIt() {
        assertThat(JsonBodies.parseLenient("{\"inner\":{\"name\":\"a\",\"nick\":\"b\"}}", Outer.class)
                        .isValid())
                .isTrue();
    }

    @Test
    void parse_whenWrongType_namesFieldAndExpectedType() {
        assertThat(JsonBodies.parse("{\"inner\":\"a\"}", Outer.class).problems())
                .containsExactly(new FieldProblem("inner", "must be a JSON object"));
        assertThat(JsonBodies.parse("{\"items\":[{\"name\":1}]}", Outer.class).problems())
                .containsExactly(new FieldProblem("items[0].name", "must be a JSON string"));
        assertThat(JsonBodies.parse("{\"items\":{}}", Outer.class).problems())
                .containsExactly(new FieldProblem("items", "must be a JSON array"));
    }

    @Test
    void parse_whenEnumValueUnknown_listsAllowedValues() {
        assertThat(JsonBodies.parse("{\"colour\":\"BLUE\"}", Paint.class).problems())
                .containsExactly(new FieldProblem("colour", "must be one of RED, GREEN"));
        assertThat(JsonBodies.parse("{\"colour\":0}", Paint.class).problems())
                .containsExactly(new FieldProblem("colour", "must be one of RED, GREEN"));
    }

    @Test
    void parse_whenMalformed_pointsAtTheLocationWithoutEchoingInput() {
        List<FieldProblem> problems = JsonBodies.parse("{\"text\": \"secret-value\" \"x\"}", Outer.class)
                .problems();

        assertThat(problems).singleElement().satisfies(p -> {
            assertThat(p.field()).isEqualTo("body");
            assertThat(p.problem()).startsWith("is not valid JSON (line 1, column");
            assertThat(p.problem()).doesNotContain("secret");
        });
    }

    @Test
    void parse_whenEmptyOrNull_saysSo() {
        assertThat(JsonBodies.parse("", Outer.class).problems())
                .containsExactly(new FieldProblem("body", "is empty: send a JSON object"));
        assertThat(JsonBodies.parse(null, Outer.class).problems())
                .containsExactly(new FieldProblem("body", "is empty: send a JSON object"));
        assertThat(JsonBodies.parse("null", Outer.class).problems())
                .containsExactly(new FieldProblem("body", "must be a JSON object, not null"));
    }

    @Test
    void parse_whenArrayInsteadOfObject_saysObjectExpected() {
        assertThat(JsonBodies.parse("[1,2]", Outer.class).problems())
                .containsExactly(new FieldProblem("body", "must be a JSON object"));
    }

    @Test
    void parse_whenTheTextBreaksOffAfterABadField_reportsTheSyntaxNotTheField() {
        // One parse into a tree: the syntax is known before any field is bound (ADR 0167).
        assertThat(JsonBodies.parse("{\"nick\":\"a\",\"text\":", Outer.class).problems())
                .singleElement()
                .satisfies(p -> {
                    assertThat(p.field()).isEqualTo("body");
                    assertThat(p.problem()).startsWith("is not valid JSON");
                });
    }

    @Test
    void parse_leavesTheBodySizeToTheHttpEdge() {
        // HttpRequest.requireJsonBody refuses a body over Limits.BODY_MAX bytes (413) before it is read.
        String large = "{\"text\":\"" + "é".repeat(Limits.BODY_MAX) + "\"}";

        assertThat(JsonBodies.parse(large, Outer.class).orElseThrow().text()).hasSize(Limits.BODY_MAX);
    }

    @Test
    void parse_whenNestedMoneyInvalid_reportsFullPath() {
        record Payment(Money amount) {}
        assertThat(JsonBodies.parse("{\"amount\":{\"amount\":\"0\",\"currency\":\"XXX\"}}", Payment.class)
                        .problems())
                .extracting(FieldProblem::field)
                .containsExactlyInAnyOrder("amount.amount", "amount.currency");
    }
}
