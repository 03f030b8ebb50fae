package dev.tally.events.view;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tally.events.DebtStatus;
import dev.tally.events.DecimalMoney;
import dev.tally.events.Fixtures;
import dev.tally.events.JsonBodies;
import dev.tally.events.Money;
import dev.tally.events.TallyJson;
import dev.tally.events.command.Counterparty;
import dev.tally.events.command.Direction;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ViewJsonTest {

    @Test
    void debtView_v1Fixture_roundTrips() throws Exception {
        String json = Fixtures.load("debt-view/v1/open-with-payment.json");

        DebtView view = JsonBodies.parse(json, DebtView.class).orElseThrow();

        assertThat(view.outstanding()).isEqualTo(new DecimalMoney("7.34", "EUR"));
        assertThat(view.payments())
                .singleElement()
                .extracting(PaymentView::amount)
                .isEqualTo(Money.of(500, "EUR"));
        assertThat(TallyJson.MAPPER.readTree(TallyJson.write(view))).isEqualTo(TallyJson.MAPPER.readTree(json));
    }

    @Test
    void summaryView_v1Fixture_roundTrips() throws Exception {
        String json = Fixtures.load("summary-view/v1/two-currencies.json");

        SummaryView view = JsonBodies.parse(json, SummaryView.class).orElseThrow();

        assertThat(view.currencies().get("EUR").net()).isEqualTo("-5.00");
        assertThat(view.counterparties()).hasSize(3);
        assertThat(TallyJson.MAPPER.readTree(TallyJson.write(view))).isEqualTo(TallyJson.MAPPER.readTree(json));
    }

    @Test
    void debtView_omitsAbsentOptionalFields() throws Exception {
        DebtView view = new DebtView(
                "d",
                Counterparty.named("Bob"),
                Direction.OWED_BY_ME,
                Money.of(100, "EUR"),
                DecimalMoney.of(100, "EUR"),
                DecimalMoney.of(0, "EUR"),
                DecimalMoney.of(0, "EUR"),
                "EUR",
                DebtStatus.OPEN,
                null,
                null,
                null,
                List.of(),
                0,
                1,
                Instant.EPOCH,
                Instant.EPOCH);

        JsonNode tree = TallyJson.MAPPER.readTree(TallyJson.write(view));

        assertThat(tree.has("dueDate")).isFalse();
        assertThat(tree.has("description")).isFalse();
        assertThat(tree.get("counterparty").has("email")).isFalse();
        assertThat(tree.get("payments").isArray()).isTrue();
        assertThat(tree.get("paid").get("amount").asText()).isEqualTo("0.00");
        assertThat(tree.get("paymentCount").asInt()).isZero();
        assertThat(TallyJson.MAPPER
                        .readTree(TallyJson.write(view.withoutPayments()))
                        .has("payments"))
                .isFalse();
    }

    @Test
    void summaryView_sortsCurrencies() {
        SummaryView view = new SummaryView(
                "u",
                Map.of(
                        "USD",
                        new CurrencySummaryView("0.00", "1.00", "1.00", 1, 0),
                        "EUR",
                        new CurrencySummaryView("0.00", "1.00", "1.00", 1, 0)),
                List.of(),
                Instant.EPOCH);

        assertThat(view.currencies().keySet()).containsExactly("EUR", "USD");
        assertThat(TallyJson.write(view)).contains("\"currencies\":{\"EUR\"");
    }

    @Test
    void commandAccepted_pointsAtTheStatus() {
        assertThat(TallyJson.write(CommandAcceptedView.accepted("c-1", "d-1")))
                .isEqualTo(
                        "{\"commandId\":\"c-1\",\"debtId\":\"d-1\",\"status\":\"ACCEPTED\",\"statusUrl\":\"/commands/c-1\"}");
    }

    @Test
    void debtList_omitsCursorOnLastPage() {
        assertThat(TallyJson.write(new DebtListView(List.of(), null))).isEqualTo("{\"items\":[]}");
        assertThat(TallyJson.write(new DebtListView(List.of(), "c2")))
                .isEqualTo("{\"items\":[],\"nextCursor\":\"c2\"}");
    }
}
