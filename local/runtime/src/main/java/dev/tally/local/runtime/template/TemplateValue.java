package dev.tally.local.runtime.template;

/**
 * A node of a parsed CloudFormation/SAM template: a map, a list, a scalar, null, or an intrinsic
 * function call ({@code !Ref}, {@code Fn::GetAtt}, …) kept as an explicit node so that nothing the
 * template says is lost on the way from YAML to the runtime.
 */
public sealed interface TemplateValue permits TemplateMap, TemplateList, TemplateScalar, TemplateNull, Intrinsic {

    /** A short human description of the node's kind, for error messages ("a map", "Fn::Sub"). */
    String describe();
}
