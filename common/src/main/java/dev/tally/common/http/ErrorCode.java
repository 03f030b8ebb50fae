package dev.tally.common.http;

/**
 * The machine-readable error codes of the HTTP API and the status each one maps to: the single
 * place where an error becomes a status code.
 */
public enum ErrorCode {
    /** The body parsed but some fields are invalid; the answer lists each field and its problem. */
    VALIDATION_FAILED(400, "The request has invalid fields."),
    /** The body is not JSON, or not the JSON shape expected. */
    MALFORMED_JSON(400, "The request body is not valid JSON."),
    /** A listing cursor that this API did not issue for this user and filter (never says which check failed). */
    INVALID_CURSOR(400, "The cursor is not valid for this listing. Start again without a cursor."),
    /** The bearer token is missing, invalid or expired (sent with {@code WWW-Authenticate: Bearer}). */
    UNAUTHORIZED(401, "A valid bearer token is required."),
    /** The resource does not exist or belongs to another user (never told apart). */
    NOT_FOUND(404, "The resource was not found."),
    /** Registration: another account already uses the e-mail. */
    EMAIL_TAKEN(409, "An account with this e-mail already exists."),
    /** The body is larger than the route accepts. */
    PAYLOAD_TOO_LARGE(413, "The request body is too large."),
    /** The body is not {@code application/json}. */
    UNSUPPORTED_MEDIA_TYPE(415, "The request body must be application/json."),
    /** The {@code Idempotency-Key} was used before with a different request. */
    IDEMPOTENCY_KEY_REUSED(422, "The Idempotency-Key was already used with a different request."),
    /** Too many login attempts for the account or from the source; sent with {@code Retry-After} (seconds). */
    TOO_MANY_REQUESTS(429, "Too many attempts. Retry after the number of seconds in the Retry-After header."),
    /** Anything unexpected: a generic message and the request id, never the cause. */
    INTERNAL_ERROR(500, "An internal error occurred. Quote the request id when reporting it."),
    /** A dependency is briefly unavailable; retrying the same request (same Idempotency-Key) is safe. */
    SERVICE_UNAVAILABLE(
            503, "The service is temporarily unavailable. Retry the request with the same Idempotency-Key.");

    private final int status;
    private final String defaultMessage;

    ErrorCode(int status, String defaultMessage) {
        this.status = status;
        this.defaultMessage = defaultMessage;
    }

    /** The HTTP status code. */
    public int status() {
        return status;
    }

    /** The message used when none more specific is given. */
    public String defaultMessage() {
        return defaultMessage;
    }
}
