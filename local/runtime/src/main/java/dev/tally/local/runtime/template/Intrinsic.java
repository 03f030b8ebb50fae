package dev.tally.local.runtime.template;

import java.util.Objects;

/**
 * An intrinsic function call, e.g. {@code !GetAtt Queue.Arn} or {@code {"Fn::Sub": "..."}}.
 * Short and long forms read into the same node; {@code !GetAtt A.B} is normalised to the list
 * form {@code [A, B]}.
 *
 * @param function which intrinsic
 * @param argument its argument, as written (may contain further intrinsics)
 */
public record Intrinsic(IntrinsicFunction function, TemplateValue argument) implements TemplateValue {

    /** Checks both parts are present. */
    public Intrinsic {
        Objects.requireNonNull(function, "function");
        Objects.requireNonNull(argument, "argument");
    }

    /** {@code !Ref target}. */
    public static Intrinsic ref(String target) {
        return new Intrinsic(IntrinsicFunction.REF, TemplateScalar.of(target));
    }

    /** {@code !GetAtt resource.attribute}. */
    public static Intrinsic getAtt(String resource, String attribute) {
        return new Intrinsic(
                IntrinsicFunction.GET_ATT,
                new TemplateList(java.util.List.of(TemplateScalar.of(resource), TemplateScalar.of(attribute))));
    }

    /** For a {@code Ref} with a literal target or a {@code GetAtt} with a literal resource: that logical id. */
    public java.util.Optional<String> referencedLogicalId() {
        if (function == IntrinsicFunction.REF && argument instanceof TemplateScalar scalar) {
            return java.util.Optional.of(scalar.text());
        }
        if (function == IntrinsicFunction.GET_ATT
                && argument instanceof TemplateList list
                && list.size() == 2
                && list.get(0) instanceof TemplateScalar resource) {
            return java.util.Optional.of(resource.text());
        }
        return java.util.Optional.empty();
    }

    @Override
    public String describe() {
        return function.longName();
    }
}
