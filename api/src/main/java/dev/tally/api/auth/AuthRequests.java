package dev.tally.api.auth;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tally.common.http.ApiException;
import dev.tally.events.FieldProblem;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads and validates the bodies of {@code POST /auth/register} and {@code POST /auth/login},
 * reporting every problem at once (400 {@code VALIDATION_FAILED} with one entry per field).
 *
 * <p>Rules: {@code email} at most 254 characters, one {@code @}, a local part of at most 64
 * characters and a dotted domain (trimmed and lower-cased: e-mails are unique regardless of case);
 * {@code password} {@value #PASSWORD_MIN} to {@value #PASSWORD_MAX} characters, taken as typed (no
 * trimming, any characters); {@code displayName} 1 to {@value #DISPLAY_NAME_MAX} characters after
 * trimming, no control characters. Unknown fields are refused rather than ignored. Login only
 * requires both fields to be strings: whether they match is the credential check's business, so a
 * malformed e-mail there gets the same 401 as an unknown one.
 */
public final class AuthRequests {

    /** Fewest password characters (NIST SP 800-63B asks for at least 8 where no second factor exists). */
    public static final int PASSWORD_MIN = 12;
    /** Most password characters: long passphrases fit; PBKDF2's cost does not grow with the length. */
    public static final int PASSWORD_MAX = 256;
    /** Most characters of an e-mail address (RFC 5321 path limit). */
    public static final int EMAIL_MAX = 254;
    /** Most characters of a display name. */
    public static final int DISPLAY_NAME_MAX = 100;

    private static final int LOCAL_PART_MAX = 64;
    private static final Pattern EMAIL = Pattern.compile(
            "[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
                    + "(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+");
    private static final Set<String> REGISTER_FIELDS = Set.of("email", "password", "displayName");
    private static final Set<String> LOGIN_FIELDS = Set.of("email", "password");

    private final ObjectMapper mapper;

    /** Reads bodies with the project's one {@code ObjectMapper}. */
    public AuthRequests(ObjectMapper mapper) {
        this.mapper = Objects.requireNonNull(mapper, "mapper");
    }

    /**
     * The registration in a body.
     *
     * @throws ApiException 400 {@code MALFORMED_JSON} or {@code VALIDATION_FAILED} naming every field problem
     */
    public RegisterRequest register(String body) {
        JsonNode json = object(body, "{\"email\", \"password\", \"displayName\"}");
        List<FieldProblem> problems = new ArrayList<>();
        unknownFields(json, REGISTER_FIELDS, problems);
        String email = string(json, "email", problems);
        String password = string(json, "password", problems);
        String displayName = string(json, "displayName", problems);
        if (email != null) {
            emailProblem(email.strip()).ifPresent(problem -> problems.add(new FieldProblem("email", problem)));
        }
        if (password != null) {
            int length = password.codePointCount(0, password.length());
            if (length < PASSWORD_MIN || length > PASSWORD_MAX) {
                problems.add(new FieldProblem("password",
                        "must be " + PASSWORD_MIN + " to " + PASSWORD_MAX + " characters long"));
            }
        }
        if (displayName != null) {
            displayNameProblem(displayName.strip()).ifPresent(problem -> problems.add(new FieldProblem("displayName", problem)));
        }
        if (!problems.isEmpty()) {
            throw ApiException.validationFailed(problems);
        }
        return new RegisterRequest(normalizedEmail(email), password, displayName.strip());
    }

    /**
     * The login attempt in a body.
     *
     * @throws ApiException 400 when the body is not JSON or a field is missing or not a string
     */
    public LoginRequest login(String body) {
        JsonNode json = object(body, "{\"email\", \"password\"}");
        List<FieldProblem> problems = new ArrayList<>();
        unknownFields(json, LOGIN_FIELDS, problems);
        String email = string(json, "email", problems);
        String password = string(json, "password", problems);
        if (!problems.isEmpty()) {
            throw ApiException.validationFailed(problems);
        }
        return new LoginRequest(normalizedEmail(email), password);
    }

    static String normalizedEmail(String email) {
        return email.strip().toLowerCase(Locale.ROOT);
    }

    static Optional<String> emailProblem(String email) {
        if (email.length() > EMAIL_MAX) {
            return Optional.of("must be at most " + EMAIL_MAX + " characters long");
        }
        int at = email.indexOf('@');
        if (!EMAIL.matcher(email).matches() || at > LOCAL_PART_MAX) {
            return Optional.of("must be an e-mail address such as name@example.com");
        }
        return Optional.empty();
    }

    private static Optional<String> displayNameProblem(String displayName) {
        int length = displayName.codePointCount(0, displayName.length());
        if (length < 1 || length > DISPLAY_NAME_MAX) {
            return Optional.of("must be 1 to " + DISPLAY_NAME_MAX + " characters long (not blank)");
        }
        if (displayName.codePoints().anyMatch(Character::isISOControl)) {
            return Optional.of("must not contain control characters");
        }
        return Optional.empty();
    }

    private JsonNode object(String body, String expected) {
        JsonNode json;
        try {
            json = mapper.readTree(body);
        } catch (JsonProcessingException malformed) {
            throw ApiException.malformedJson("The request body is not valid JSON; expected an object " + expected + ".");
        }
        if (json == null || !json.isObject()) {
            throw ApiException.malformedJson("The request body must be a JSON object " + expected + ".");
        }
        return json;
    }

    private static void unknownFields(JsonNode json, Set<String> known, List<FieldProblem> problems) {
        for (Iterator<String> names = json.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!known.contains(name)) {
                problems.add(new FieldProblem(name, "is not a field of this request"));
            }
        }
    }

    private static String string(JsonNode json, String field, List<FieldProblem> problems) {
        JsonNode value = json.get(field);
        if (value == null || value.isNull()) {
            problems.add(new FieldProblem(field, "is required"));
            return null;
        }
        if (!value.isTextual()) {
            problems.add(new FieldProblem(field, "must be a string"));
            return null;
        }
        return value.textValue();
    }
}
