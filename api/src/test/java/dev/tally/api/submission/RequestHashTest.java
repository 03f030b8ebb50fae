package dev.tally.api.submission;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RequestHashTest {

    private final RequestHash hash = new RequestHash(new ObjectMapper());

    @Test
    void of_isTheHexSha256OfRoutePathAndCanonicalJson() {
        // printf 'POST /debts/{debtId}/settle\nd-1\n{"note":"x"}' | sha256sum
        assertThat(hash.of("POST /debts/{debtId}/settle", Map.of("debtId", "d-1", "note", "x")))
                .isEqualTo("5d05f1f9ec8cf77fb111a685398a4d0010ca5fe9e84eb71c00bd291c7651d5d2");
    }

    @Test
    void canonicalJson_sortsKeysAtEveryDepth() {
        Map<String, Object> inner = new LinkedHashMap<>();
        inner.put("zeta", 1);
        inner.put("alpha", List.of(Map.of("b", 2, "a", 1)));
        Map<String, Object> outer = new LinkedHashMap<>();
        outer.put("z", inner);
        outer.put("a", "first");

        assertThat(hash.canonicalJson(outer)).isEqualTo("{\"a\":\"first\",\"z\":{\"alpha\":[{\"a\":1,\"b\":2}],\"zeta\":1}}");
    }

    @Test
    void of_whenOnlyKeyOrderDiffers_isTheSame() {
        Map<String, Object> one = new LinkedHashMap<>();
        one.put("description", "Dinner");
        one.put("dueDate", "2026-12-31");
        Map<String, Object> other = new LinkedHashMap<>();
        other.put("dueDate", "2026-12-31");
        other.put("description", "Dinner");

        assertThat(hash.of("PATCH /debts/{debtId}", "d-1", one)).isEqualTo(hash.of("PATCH /debts/{debtId}", "d-1", other));
    }

    @Test
    void of_whenRoutePathOrBodyDiffers_differs() {
        String base = hash.of("POST /debts/{debtId}/settle", Map.of("debtId", "d-1", "note", "x"));

        assertThat(hash.of("DELETE /debts/{debtId}", "d-1", Map.of("note", "x"))).isNotEqualTo(base);
        assertThat(hash.of("POST /debts/{debtId}/settle", "d-2", Map.of("note", "x"))).isNotEqualTo(base);
        assertThat(hash.of("POST /debts/{debtId}/settle", "d-1", Map.of("note", "y"))).isNotEqualTo(base);
        assertThat(hash.of("POST /debts/{debtId}/settle", "d-1", null)).isNotEqualTo(base);
    }
}
