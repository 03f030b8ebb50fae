package dev.tally.local.runtime.template;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Checks that each function's environment sets every variable its config record requires (and the
 * Powertools ones), and that the resource variables point at the right kind of resource:
 * {@code *_TABLE} at a table's {@code Ref}, {@code *_QUEUE_URL} at a queue's {@code Ref} (its URL),
 * {@code *_SECRET_ARN} at a secret's {@code Ref} (its ARN).
 */
final class EnvironmentCheck {

    private final Map<String, List<String>> requiredByFunction;

    /** {@code requiredByFunction}: logical id → the variables its config record requires. */
    EnvironmentCheck(Map<String, List<String>> requiredByFunction) {
        this.requiredByFunction = Map.copyOf(requiredByFunction);
    }

    List<TemplateViolation> check(SamTemplate template) {
        List<TemplateViolation> violations = new ArrayList<>();
        for (FunctionDefinition function : template.functions()) {
            String path = "Resources." + function.logicalId() + ".Properties.Environment.Variables";
            List<String> required = requiredByFunction.get(function.logicalId());
            if (required == null) {
                violations.add(new TemplateViolation(
                        "Resources." + function.logicalId(),
                        "no config record is known for this function, so its environment cannot be checked"));
                continue;
            }
            List<String> all = new ArrayList<>(required);
            all.addAll(FunctionNeeds.POWERTOOLS_VARIABLES);
            for (String variable : all) {
                if (!function.environment().containsKey(variable)) {
                    violations.add(
                            new TemplateViolation(path, "missing " + variable + ", which the function's config reads"));
                }
            }
            function.environment()
                    .forEach((name, value) -> checkTarget(template, path + "." + name, name, value)
                            .ifPresent(violations::add));
        }
        return violations;
    }

    private static Optional<TemplateViolation> checkTarget(
            SamTemplate template, String path, String name, TemplateValue value) {
        String expectedType;
        if (name.endsWith("_TABLE")) {
            expectedType = TableDefinition.TYPE;
        } else if (name.endsWith("_QUEUE_URL")) {
            expectedType = QueueDefinition.TYPE;
        } else if (name.endsWith("_SECRET_ARN")) {
            expectedType = SecretDefinition.TYPE;
        } else {
            return Optional.empty();
        }
        if (!(value instanceof Intrinsic intrinsic)
                || intrinsic.function() != IntrinsicFunction.REF
                || intrinsic.referencedLogicalId().isEmpty()) {
            return Optional.of(new TemplateViolation(path, "must be !Ref of an " + expectedType + " in this template"));
        }
        String target = intrinsic.referencedLogicalId().get();
        Optional<Resource> resource = template.resource(target);
        if (resource.isEmpty() || !resource.get().type().equals(expectedType)) {
            return Optional.of(
                    new TemplateViolation(path, "refers to " + target + ", which is not an " + expectedType));
        }
        return Optional.empty();
    }
}
