package dev.tally.local.sqs;

/**
 * An error SQS answers with: its modelled type (the {@code __type} after {@code com.amazonaws.sqs#}),
 * its AWS-query code (the {@code x-amzn-query-error} header the SDK reports as the error code), the
 * HTTP status and a message for the caller. Never carries exception text from inside the server.
 */
final class SqsError extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String type;
    private final String queryCode;
    private final int status;
    private final boolean senderFault;

    SqsError(String type, String queryCode, int status, boolean senderFault, String message) {
        super(message, null, false, false);
        this.type = type;
        this.queryCode = queryCode;
        this.status = status;
        this.senderFault = senderFault;
    }

    static SqsError sender(String type, String queryCode, String message) {
        return new SqsError(type, queryCode, 400, true, message);
    }

    static SqsError invalidParameter(String message) {
        return sender("InvalidParameterValue", "InvalidParameterValue", message);
    }

    static SqsError invalidParameter(String parameter, String value, String reason) {
        return invalidParameter(
                "Value " + value + " for parameter " + parameter + " is invalid. Reason: " + reason + ".");
    }

    static SqsError missingParameter(String parameter) {
        return sender(
                "MissingParameter", "MissingParameter", "The request must contain the parameter " + parameter + ".");
    }

    static SqsError queueDoesNotExist() {
        return sender(
                "QueueDoesNotExist", "AWS.SimpleQueueService.NonExistentQueue", "The specified queue does not exist.");
    }

    static SqsError receiptHandleIsInvalid(String handle) {
        return sender(
                "ReceiptHandleIsInvalid",
                "ReceiptHandleIsInvalid",
                "The input receipt handle \"" + handle + "\" is not a valid receipt handle.");
    }

    String type() {
        return type;
    }

    String queryCode() {
        return queryCode;
    }

    int status() {
        return status;
    }

    boolean senderFault() {
        return senderFault;
    }
}
