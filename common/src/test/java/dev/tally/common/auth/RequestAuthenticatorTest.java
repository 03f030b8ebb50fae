package dev.tally.common.auth;

import static dev.tally.common.auth.TestTokens.CLOCK;
import static dev.tally.common.auth.TestTokens.OTHER_SECRET;
import static dev.tally.common.auth.TestTokens.SECRET;
import static dev.tally.common.auth.TestTokens.SETTINGS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import dev.tally.common.http.ApiException;
import dev.tally.common.http.ErrorCode;
import dev.tally.common.http.HttpRequest;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RequestAuthenticatorTest {

    private final RequestAuthenticator authenticator =
            new RequestAuthenticator(new JwtVerifier(SETTINGS, TestTokens.key(), CLOCK));

    @Test
    void authenticate_whenValidBearerToken_returnsTheSubject() {
        String token = TestTokens.hs256(TestTokens.validClaims().build(), SECRET);

        assertThat(authenticator
                        .authenticate(request(Map.of("authorization", "bearer " + token)))
                        .userId())
                .isEqualTo("user-123");
    }

    @Test
    void authenticate_whenNoHeader_isUnauthorizedWithTheGenericMessage() {
        ApiException refused =
                catchThrowableOfType(ApiException.class, () -> authenticator.authenticate(request(Map.of())));

        assertThat(refused.code()).isEqualTo(ErrorCode.UNAUTHORIZED);
        assertThat(refused.getMessage()).isEqualTo(ErrorCode.UNAUTHORIZED.defaultMessage());
    }

    @Test
    void authenticate_whenInvalidOrExpiredToken_givesTheSameAnswerAsNoToken() {
        String badSignature = TestTokens.hs256(TestTokens.validClaims().build(), OTHER_SECRET);
        String noSubject =
                TestTokens.hs256(TestTokens.validClaims().subject(null).build(), SECRET);

        for (String header :
                new String[] {"Bearer " + badSignature, "Bearer " + noSubject, "Basic dXNlcjpwdw==", "Bearer"}) {
            ApiException refused = catchThrowableOfType(
                    ApiException.class, () -> authenticator.authenticate(request(Map.of("Authorization", header))));
            assertThat(refused.code()).isEqualTo(ErrorCode.UNAUTHORIZED);
            assertThat(refused.getMessage()).isEqualTo(ErrorCode.UNAUTHORIZED.defaultMessage());
        }
    }

    private static HttpRequest request(Map<String, String> headers) {
        APIGatewayV2HTTPEvent event = new APIGatewayV2HTTPEvent();
        event.setRouteKey("GET /summary");
        event.setHeaders(headers);
        return HttpRequest.from(event);
    }
}
