package dev.tally.api.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.tally.common.http.ApiException;
import dev.tally.common.http.ErrorCode;
import dev.tally.events.FieldProblem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AuthRequestsTest {

    private final AuthRequests requests = new AuthRequests();

    @Test
    void register_normalisesTheEmailAndTrimsTheNameButKeepsThePasswordAsTyped() {
        RegisterRequest request = requests.register(
                "{\"email\": \"  Ada@Example.COM \", \"password\": \"  spaces count \", \"displayName\": \" Ada \"}");

        assertThat(request.email()).isEqualTo("ada@example.com");
        assertThat(request.password()).isEqualTo("  spaces count ");
        assertThat(request.displayName()).isEqualTo("Ada");
        assertThat(request.toString()).doesNotContain("spaces count");
    }

    @ParameterizedTest
    @ValueSource(ints = {AuthRequests.PASSWORD_MIN, AuthRequests.PASSWORD_MAX})
    void register_acceptsPasswordsAtTheLengthBounds(int length) {
        assertThat(requests.register(body("ada@example.com", "p".repeat(length), "Ada"))
                        .password())
                .hasSize(length);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, AuthRequests.PASSWORD_MIN - 1, AuthRequests.PASSWORD_MAX + 1})
    void register_refusesPasswordsOutsideTheBounds(int length) {
        ApiException refused = refusedRegister(body("ada@example.com", "p".repeat(length), "Ada"));

        assertThat(refused.fields()).containsExactly(new FieldProblem("password", "must be 15 to 256 characters long"));
    }

    @Test
    void register_countsCharactersNotUtf16Units() {
        // 15 emoji are 30 UTF-16 units but 15 characters.
        assertThat(requests.register(body("ada@example.com", "😀".repeat(15), "Ada"))
                        .password())
                .isNotEmpty();
    }

    @Test
    void register_whenEverythingIsMissing_namesEveryField() {
        ApiException refused = refusedRegister("{}");

        assertThat(refused.code()).isEqualTo(ErrorCode.VALIDATION_FAILED);
        assertThat(refused.fields())
                .extracting(FieldProblem::field)
                .containsExactly("email", "password", "displayName");
    }

    @Test
    void register_refusesABadEmailABlankNameAndALongName() {
        assertThat(refusedRegister(body("ada-at-example", "long enough password", "Ada"))
                        .fields())
                .extracting(FieldProblem::field)
                .containsExactly("email");
        assertThat(refusedRegister(body("ada@example.com", "long enough password", "   "))
                        .fields())
                .extracting(FieldProblem::field)
                .containsExactly("displayName");
        assertThat(refusedRegister(body("ada@example.com", "long enough password", "a".repeat(101)))
                        .fields())
                .extracting(FieldProblem::field)
                .containsExactly("displayName");
    }

    @Test
    void register_refusesUnknownPropertiesInsteadOfIgnoringThem() {
        ApiException refused = refusedRegister(
                "{\"email\": \"ada@example.com\", \"password\": \"long enough password\", \"displayName\": \"Ada\", \"admin\": true}");

        assertThat(refused.fields()).extracting(FieldProblem::field).containsExactly("admin");
    }

    @Test
    void register_whenAFieldIsNotAString_saysSo() {
        ApiException refused =
                refusedRegister("{\"email\": 42, \"password\": \"long enough password\", \"displayName\": \"Ada\"}");

        assertThat(refused.fields()).extracting(FieldProblem::field).containsExactly("email");
    }

    @Test
    void login_onlyNeedsBothFieldsAsStrings() {
        LoginRequest request = requests.login("{\"email\": \"Not An Email\", \"password\": \"x\"}");

        assertThat(request.email()).isEqualTo("not an email");
        ApiException refused = catchThrowableOfType(ApiException.class, () -> requests.login("{\"email\": \"a@b.c\"}"));
        assertThat(refused.fields()).extracting(FieldProblem::field).containsExactly("password");
    }

    @Test
    void login_whenEmailOrPasswordHasALoneSurrogate_isRefusedOnThoseFields() {
        ApiException refused = catchThrowableOfType(
                ApiException.class,
                () -> requests.login("{\"email\": \"a\\ud800@b.c\", \"password\": \"pass\\udfff\"}"));

        assertThat(refused.fields()).extracting(FieldProblem::field).containsExactly("email", "password");
    }

    @Test
    void register_whenPasswordHasALoneSurrogate_isRefused() {
        ApiException refused = refusedRegister(body("ada@example.com", "long enough password \\ud800", "Ada"));

        assertThat(refused.fields()).extracting(FieldProblem::field).containsExactly("password");
    }

    private ApiException refusedRegister(String body) {
        return catchThrowableOfType(ApiException.class, () -> requests.register(body));
    }

    private static String body(String email, String password, String displayName) {
        return "{\"email\": \"" + email + "\", \"password\": \"" + password + "\", \"displayName\": \"" + displayName
                + "\"}";
    }
}
