package dev.tally.local.dynamodb.expression;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The top-level attribute names a condition reads. */
public final class ConditionPaths {

    private ConditionPaths() {}

    /** Every top-level attribute named by a path in the condition. */
    public static Set<String> attributes(Condition condition) {
        Set<String> names = new LinkedHashSet<>();
        collect(condition, names);
        return names;
    }

    private static void collect(Condition condition, Set<String> names) {
        if (condition instanceof Condition.And and) {
            collect(and.left(), names);
            collect(and.right(), names);
        } else if (condition instanceof Condition.Or or) {
            collect(or.left(), names);
            collect(or.right(), names);
        } else if (condition instanceof Condition.Not not) {
            collect(not.inner(), names);
        } else if (condition instanceof Condition.Compare compare) {
            operands(List.of(compare.left(), compare.right()), names);
        } else if (condition instanceof Condition.Between between) {
            operands(List.of(between.value(), between.low(), between.high()), names);
        } else if (condition instanceof Condition.In in) {
            operands(List.of(in.value()), names);
            operands(in.candidates(), names);
        } else if (condition instanceof Condition.Function function) {
            operands(function.arguments(), names);
        }
    }

    private static void operands(List<Operand> operands, Set<String> names) {
        for (Operand operand : operands) {
            if (operand instanceof Operand.PathOperand path) {
                names.add(path.path().attribute());
            } else if (operand instanceof Operand.Size size) {
                names.add(size.path().attribute());
            }
        }
    }
}
