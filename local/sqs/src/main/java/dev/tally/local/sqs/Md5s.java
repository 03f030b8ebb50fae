package dev.tally.local.sqs;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.SortedMap;

/**
 * The digests SQS returns and the SDK checks: MD5 of the body's UTF-8 bytes, and MD5 of the message
 * attributes sorted by name, each encoded as length-prefixed name, length-prefixed data type, a
 * transport byte (1 string, 2 binary) and the length-prefixed value.
 */
final class Md5s {

    private Md5s() {}

    static String ofBody(String body) {
        return HexFormat.of().formatHex(digest().digest(body.getBytes(StandardCharsets.UTF_8)));
    }

    /** The attributes' digest, or null when there are none (SQS then omits the field). */
    static String ofAttributes(SortedMap<String, MessageAttribute> attributes) {
        if (attributes.isEmpty()) {
            return null;
        }
        MessageDigest md5 = digest();
        for (Map.Entry<String, MessageAttribute> entry : attributes.entrySet()) {
            MessageAttribute attribute = entry.getValue();
            lengthAndBytes(md5, entry.getKey().getBytes(StandardCharsets.UTF_8));
            lengthAndBytes(md5, attribute.dataType().getBytes(StandardCharsets.UTF_8));
            if (attribute.binary()) {
                md5.update((byte) 2);
                lengthAndBytes(md5, attribute.binaryValue());
            } else {
                md5.update((byte) 1);
                lengthAndBytes(md5, attribute.stringValue().getBytes(StandardCharsets.UTF_8));
            }
        }
        return HexFormat.of().formatHex(md5.digest());
    }

    static String sha256Hex(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    static int utf8Length(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }

    private static void lengthAndBytes(MessageDigest md5, byte[] bytes) {
        md5.update(ByteBuffer.allocate(4).putInt(bytes.length).array());
        md5.update(bytes);
    }

    private static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is missing from this JVM", e);
        }
    }
}
