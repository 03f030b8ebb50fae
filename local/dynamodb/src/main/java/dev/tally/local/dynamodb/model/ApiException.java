package dev.tally.local.dynamodb.model;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * An error answered to the client in AWS's JSON error shape: {@code __type}, {@code message} and,
 * for some types, extra members (the old {@code Item}, {@code CancellationReasons}).
 */
public final class ApiException extends RuntimeException {

    private static final long serialVersionUID = 1L;
    private static final String PREFIX = "com.amazonaws.dynamodb.v20120810#";

    private final String type;
    private final int status;
    private final transient ObjectNode extra;

    /** An error of the given AWS type with an HTTP status and a message. */
    public ApiException(String type, int status, String message) {
        super(message, null, false, false);
        this.type = type;
        this.status = status;
        this.extra = JsonNodeFactory.instance.objectNode();
    }

    /** A {@code ValidationException} (400). */
    public static ApiException validation(String message) {
        return new ApiException("ValidationException", 400, message);
    }

    /** A {@code ResourceNotFoundException} (400). */
    public static ApiException notFound(String message) {
        return new ApiException("ResourceNotFoundException", 400, message);
    }

    /** A {@code ResourceInUseException} (400). */
    public static ApiException inUse(String message) {
        return new ApiException("ResourceInUseException", 400, message);
    }

    /** A {@code ConditionalCheckFailedException} (400). */
    public static ApiException conditionFailed() {
        return new ApiException("ConditionalCheckFailedException", 400, "The conditional request failed");
    }

    /** The short type name, e.g. {@code ValidationException}. */
    public String type() {
        return type;
    }

    /** The fully-qualified {@code __type}. */
    public String qualifiedType() {
        return PREFIX + type;
    }

    /** The HTTP status. */
    public int status() {
        return status;
    }

    /** Extra members of the error body (mutable, filled by the thrower). */
    public ObjectNode extra() {
        return extra;
    }
}
