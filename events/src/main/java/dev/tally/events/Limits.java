package dev.tally.events;

/**
 * Size limits of the input Tally accepts, in one place so API validation, the records' own checks
 * and the documentation agree. Text lengths count Unicode code points; the body size counts bytes.
 */
public final class Limits {

    /** Maximum length of a counterparty's display name. */
    public static final int NAME_MAX = 200;
    /** Maximum length of an e-mail address (RFC 5321 path limit). */
    public static final int EMAIL_MAX = 254;
    /** Maximum length of a debt's description. */
    public static final int DESCRIPTION_MAX = 1000;
    /** Maximum length of a payment or settlement note. */
    public static final int NOTE_MAX = 500;
    /** Maximum length of an identifier (debt id, command id, user id). */
    public static final int ID_MAX = 128;
    /**
     * Maximum size of a request body, in bytes of its UTF-8 encoding (what HTTP, API Gateway and SQS
     * count), 16 KiB. Enforced in one place, {@code HttpRequest.requireJsonBody} (413), ADR 0167.
     */
    public static final int BODY_MAX = 16 * 1024;
    /** Earliest year accepted in a due date. */
    public static final int YEAR_MIN = 1900;
    /** Latest year accepted in a due date. */
    public static final int YEAR_MAX = 9999;

    private Limits() {}
}
