package dev.tally.local.sqs;

import java.util.Arrays;

/**
 * One message attribute: its data type ({@code String}, {@code Number} or {@code Binary}, each
 * with an optional {@code .custom} suffix) and either a string or a binary value.
 */
record MessageAttribute(String dataType, String stringValue, byte[] binaryValue) {

    boolean binary() {
        return dataType.startsWith("Binary");
    }

    /** Bytes this attribute counts toward the message size: name, type and value (as SQS counts them). */
    int size(String name) {
        int value =
                binary() ? binaryValue.length : stringValue.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
        return Md5s.utf8Length(name) + Md5s.utf8Length(dataType) + value;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof MessageAttribute that
                && dataType.equals(that.dataType)
                && java.util.Objects.equals(stringValue, that.stringValue)
                && Arrays.equals(binaryValue, that.binaryValue);
    }

    @Override
    public int hashCode() {
        return dataType.hashCode() * 31 + java.util.Objects.hashCode(stringValue) * 17 + Arrays.hashCode(binaryValue);
    }

    @Override
    public String toString() {
        return dataType + (binary() ? "(" + binaryValue.length + " bytes)" : "=" + stringValue);
    }
}
