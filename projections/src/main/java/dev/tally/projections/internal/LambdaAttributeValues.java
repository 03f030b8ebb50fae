package dev.tally.projections.internal;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Converts the Lambda event library's DynamoDB {@code AttributeValue} POJOs (what a stream event
 * carries) into the SDK's immutable {@code AttributeValue}, structure for structure, so the one
 * item mapping in {@code common} ({@code DebtItem}) reads stream images too. Knows nothing of debts.
 */
public final class LambdaAttributeValues {

    private LambdaAttributeValues() {}

    /**
     * The SDK form of {@code item}.
     *
     * @throws IllegalArgumentException naming the attribute path, if a value carries no type
     */
    public static Map<String, AttributeValue> toSdk(
            Map<String, com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue> item) {
        return toSdk(item, "");
    }

    private static Map<String, AttributeValue> toSdk(
            Map<String, com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue> map, String path) {
        Map<String, AttributeValue> converted = new HashMap<>();
        map.forEach((name, value) -> converted.put(name, toSdk(value, path.isEmpty() ? name : path + "." + name)));
        return converted;
    }

    private static AttributeValue toSdk(
            com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue value, String path) {
        if (value == null) {
            throw new IllegalArgumentException("attribute " + path + " has no value");
        }
        if (value.getS() != null) {
            return AttributeValue.fromS(value.getS());
        }
        if (value.getN() != null) {
            return AttributeValue.fromN(value.getN());
        }
        if (value.getB() != null) {
            return AttributeValue.fromB(SdkBytes.fromByteBuffer(value.getB()));
        }
        if (value.getSS() != null) {
            return AttributeValue.fromSs(List.copyOf(value.getSS()));
        }
        if (value.getNS() != null) {
            return AttributeValue.fromNs(List.copyOf(value.getNS()));
        }
        if (value.getBS() != null) {
            return AttributeValue.fromBs(
                    value.getBS().stream().map(SdkBytes::fromByteBuffer).toList());
        }
        if (value.getM() != null) {
            return AttributeValue.fromM(toSdk(value.getM(), path));
        }
        if (value.getL() != null) {
            List<com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue> items = value.getL();
            return AttributeValue.fromL(java.util.stream.IntStream.range(0, items.size())
                    .mapToObj(i -> toSdk(items.get(i), path + "[" + i + "]"))
                    .toList());
        }
        if (value.getBOOL() != null) {
            return AttributeValue.fromBool(value.getBOOL());
        }
        if (Boolean.TRUE.equals(value.getNULL())) {
            return AttributeValue.fromNul(true);
        }
        throw new IllegalArgumentException(
                "attribute " + path + " has no DynamoDB type (S, N, B, SS, NS, BS, M, L, BOOL, NULL)");
    }
}
