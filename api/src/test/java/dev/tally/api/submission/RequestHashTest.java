package dev.tally.api.submission;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tally.events.Money;
import dev.tally.events.TallyJson;
import dev.tally.events.command.CancelDebt;
import dev.tally.events.command.Counterparty;
import dev.tally.events.command.CreateDebt;
import dev.tally.events.command.Direction;
import dev.tally.events.command.SettleDebt;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RequestHashTest {

    private static final String DEBT = "019ac4b2-7e31-7c5a-9d42-3f6e8b1a2c90";
    private static final String OTHER_DEBT = "019ac4b2-7e31-7c5a-9d42-3f6e8b1a2c91";

    private final RequestHash hash = new RequestHash(TallyJson.MAPPER);

    @Test
    void of_isTheHexSha256OfRouteAndCanonicalJson() {
        // printf 'POST /debts/{debtId}/settle\n{"debtId":"d-1","note":"x"}' | sha256sum
        assertThat(hash.of("POST /debts/{debtId}/settle", new SettleDebt("d-1", "x"), Set.of()))
                .isEqualTo("03a8c49b6b0fc38933329967f0c9ea3dc22f233f3ed12a2701c7ccd55b35c0cd");
    }

    @Test
    void canonicalJson_sortsKeysAtEveryDepth() {
        Map<String, Object> inner = new LinkedHashMap<>();
        inner.put("zeta", 1);
        inner.put("alpha", List.of(Map.of("b", 2, "a", 1)));
        Map<String, Object> outer = new LinkedHashMap<>();
        outer.put("z", inner);
        outer.put("a", "first");

        assertThat(hash.canonicalJson(outer))
                .isEqualTo("{\"a\":\"first\",\"z\":{\"alpha\":[{\"a\":1,\"b\":2}],\"zeta\":1}}");
    }

    @Test
    void of_whenOnlyTheGeneratedDebtIdDiffers_isTheSame() {
        Set<String> generated = Set.of(Submission.DEBT_ID);

        assertThat(hash.of("POST /debts", dinner(DEBT, 1234), generated))
                .isEqualTo(hash.of("POST /debts", dinner(OTHER_DEBT, 1234), generated));
    }

    @Test
    void of_whenAnythingTheClientSentDiffers_differs() {
        String base = hash.of("POST /debts/{debtId}/settle", new SettleDebt(DEBT, "paid"), Set.of());

        assertThat(hash.of("POST /debts/{debtId}/settle", new SettleDebt(OTHER_DEBT, "paid"), Set.of()))
                .isNotEqualTo(base);
        assertThat(hash.of("POST /debts/{debtId}/settle", new SettleDebt(DEBT, "paid!"), Set.of()))
                .isNotEqualTo(base);
        assertThat(hash.of("POST /debts/{debtId}/settle", new SettleDebt(DEBT, null), Set.of()))
                .isNotEqualTo(base);
        assertThat(hash.of("DELETE /debts/{debtId}", new CancelDebt(DEBT), Set.of()))
                .isNotEqualTo(hash.of("POST /debts/{debtId}/settle", new SettleDebt(DEBT, null), Set.of()));
        assertThat(hash.of("POST /debts", dinner(DEBT, 1234), Set.of(Submission.DEBT_ID)))
                .isNotEqualTo(hash.of("POST /debts", dinner(DEBT, 1235), Set.of(Submission.DEBT_ID)));
    }

    private static CreateDebt dinner(String debtId, long cents) {
        return new CreateDebt(
                debtId,
                new Counterparty("Grace Hopper", null),
                Direction.OWED_TO_ME,
                Money.of(cents, "EUR"),
                "Dinner",
                LocalDate.parse("2026-12-31"));
    }
}
