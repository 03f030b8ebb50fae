package dev.tally.events.command;

/**
 * Why a command was rejected: a business outcome, never retried. The constant names are the
 * stable, machine-readable values of {@code reason} in {@code GET /commands/{id}}.
 */
public enum RejectionReason {
    /** The debt does not exist, or belongs to another user. */
    DEBT_NOT_FOUND("the debt does not exist"),
    /** The debt is SETTLED or CANCELLED: nothing changes a closed debt. */
    DEBT_NOT_OPEN("the debt is already settled or cancelled"),
    /** The payment is larger than the outstanding balance. */
    OVERPAYMENT("the payment is larger than the outstanding balance"),
    /** The payment is in another currency than the debt. */
    CURRENCY_MISMATCH("the payment is in another currency than the debt"),
    /**
     * The command was made against a version of the debt that is no longer current. Reserved for
     * conditional commands; the domain's decision function does not produce it.
     */
    STALE_VERSION("the debt changed since the command was made"),
    /** A debt with this id already exists (created by another command). */
    DEBT_ALREADY_EXISTS("a debt with this id already exists"),
    /** The update would leave every field as it is. */
    NOTHING_TO_UPDATE("the update changes nothing"),
    /** The debt has reached the maximum number of applied commands (see the domain's {@code Debt.MAX_COMMANDS}). */
    DEBT_CHANGE_LIMIT_REACHED("the debt has reached its limit of changes"),
    /**
     * The debt with this change would exceed the storage limit of one debt (400 KB in UTF-8 bytes:
     * long notes in scripts that take 3 or 4 bytes per character reach it before the change limit).
     */
    DEBT_TOO_LARGE("the debt would exceed its storage limit: use shorter notes or descriptions");

    private final String description;

    RejectionReason(String description) {
        this.description = description;
    }

    /** A short human description, safe to show to the user. */
    public String description() {
        return description;
    }
}
