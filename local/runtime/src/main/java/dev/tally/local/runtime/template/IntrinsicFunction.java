package dev.tally.local.runtime.template;

import java.util.Arrays;
import java.util.Optional;

/**
 * The CloudFormation intrinsic functions the template reader recognises, in long form
 * ({@code Fn::GetAtt}) and short form ({@code !GetAtt}). Any other {@code Fn::} key or {@code !}
 * tag is an {@link UnsupportedConstructException}.
 */
public enum IntrinsicFunction {
    REF("Ref", "!Ref"),
    CONDITION("Condition", "!Condition"),
    GET_ATT("Fn::GetAtt", "!GetAtt"),
    SUB("Fn::Sub", "!Sub"),
    JOIN("Fn::Join", "!Join"),
    SELECT("Fn::Select", "!Select"),
    SPLIT("Fn::Split", "!Split"),
    IF("Fn::If", "!If"),
    EQUALS("Fn::Equals", "!Equals"),
    NOT("Fn::Not", "!Not"),
    AND("Fn::And", "!And"),
    OR("Fn::Or", "!Or"),
    GET_AZS("Fn::GetAZs", "!GetAZs"),
    FIND_IN_MAP("Fn::FindInMap", "!FindInMap"),
    IMPORT_VALUE("Fn::ImportValue", "!ImportValue"),
    BASE64("Fn::Base64", "!Base64"),
    CIDR("Fn::Cidr", "!Cidr"),
    LENGTH("Fn::Length", "!Length"),
    TO_JSON_STRING("Fn::ToJsonString", "!ToJsonString"),
    TRANSFORM("Fn::Transform", "!Transform");

    private final String longName;
    private final String tag;

    IntrinsicFunction(String longName, String tag) {
        this.longName = longName;
        this.tag = tag;
    }

    /** The long-form key: {@code Ref}, {@code Fn::GetAtt}, … */
    public String longName() {
        return longName;
    }

    /** The YAML short-form tag: {@code !Ref}, {@code !GetAtt}, … */
    public String tag() {
        return tag;
    }

    /** The function whose long-form key is {@code key}. */
    public static Optional<IntrinsicFunction> byLongName(String key) {
        return Arrays.stream(values())
                .filter(function -> function.longName.equals(key))
                .findFirst();
    }

    /** The function whose short-form tag is {@code tag}. */
    public static Optional<IntrinsicFunction> byTag(String tag) {
        return Arrays.stream(values())
                .filter(function -> function.tag.equals(tag))
                .findFirst();
    }
}
