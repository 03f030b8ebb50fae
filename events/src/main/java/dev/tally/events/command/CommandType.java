package dev.tally.events.command;

/** The kind of a command; its name is the {@code type} of a {@link CommandEnvelope} on the wire. */
public enum CommandType {
    /** {@link CreateDebt}. */
    CREATE_DEBT(CreateDebt.class),
    /** {@link UpdateDebt}. */
    UPDATE_DEBT(UpdateDebt.class),
    /** {@link RecordPayment}. */
    RECORD_PAYMENT(RecordPayment.class),
    /** {@link SettleDebt}. */
    SETTLE_DEBT(SettleDebt.class),
    /** {@link CancelDebt}. */
    CANCEL_DEBT(CancelDebt.class);

    private final Class<? extends DebtCommand> payloadType;

    CommandType(Class<? extends DebtCommand> payloadType) {
        this.payloadType = payloadType;
    }

    /** The payload record of this kind of command. */
    public Class<? extends DebtCommand> payloadType() {
        return payloadType;
    }
}
