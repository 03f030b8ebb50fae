package dev.tally.api.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import dev.tally.common.http.ApiException;
import dev.tally.common.http.HttpRequest;
import dev.tally.events.DebtStatus;
import dev.tally.events.FieldProblem;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DebtListingTest {

    @Test
    void from_withoutParameters_isTheFirstPageOfEveryDebtWithTheDefaultLimit() {
        assertThat(DebtListing.from(request(Map.of()))).isEqualTo(new DebtListing(null, 20, null));
    }

    @ParameterizedTest
    @ValueSource(strings = {"1", "7", "100", "020"})
    void from_withALimitFrom1To100_takesIt(String limit) {
        assertThat(DebtListing.from(request(Map.of("limit", limit))).limit()).isEqualTo(Integer.parseInt(limit));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "101", "-1", "1.5", "ten", "", " 7", "99999999999"})
    void from_withAnyOtherLimit_failsNamingLimit(String limit) {
        assertThatThrownBy(() -> DebtListing.from(request(Map.of("limit", limit))))
                .isInstanceOfSatisfying(
                        ApiException.class,
                        refused -> assertThat(refused.fields())
                                .extracting(FieldProblem::field)
                                .containsExactly("limit"));
    }

    @Test
    void from_withEachStatus_filtersByIt() {
        for (DebtStatus status : DebtStatus.values()) {
            assertThat(DebtListing.from(request(Map.of("status", status.name())))
                            .status())
                    .isEqualTo(status);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"open", "PAID", "", "OPEN,SETTLED"})
    void from_withAnyOtherStatus_failsListingTheAllowedValues(String status) {
        assertThatThrownBy(() -> DebtListing.from(request(Map.of("status", status))))
                .isInstanceOfSatisfying(ApiException.class, refused -> {
                    assertThat(refused.fields()).extracting(FieldProblem::field).containsExactly("status");
                    assertThat(refused.fields().get(0).problem()).contains("OPEN, SETTLED, CANCELLED");
                });
    }

    @Test
    void from_withACursor_keepsItForTheServiceToCheck() {
        assertThat(DebtListing.from(request(Map.of("cursor", "abc", "status", "SETTLED"))))
                .isEqualTo(new DebtListing(DebtStatus.SETTLED, 20, "abc"));
    }

    private static HttpRequest request(Map<String, String> query) {
        APIGatewayV2HTTPEvent event = new APIGatewayV2HTTPEvent();
        event.setRouteKey("GET /debts");
        event.setQueryStringParameters(query);
        return HttpRequest.from(event);
    }
}
