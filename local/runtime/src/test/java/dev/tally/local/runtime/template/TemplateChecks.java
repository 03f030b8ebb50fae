package dev.tally.local.runtime.template;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** Runs every template check and collects their violations. */
final class TemplateChecks {

    private final HandlerCheck handlers;
    private final EnvironmentCheck environment;
    private final EventSourceCheck eventSources = new EventSourceCheck();
    private final PolicyCheck policies = new PolicyCheck();
    private final ResourceSpecCheck specification = ResourceSpecCheck.load();

    TemplateChecks(Function<String, CodeLocation> codeLocations, Map<String, List<String>> requiredVariables) {
        this.handlers = new HandlerCheck(codeLocations);
        this.environment = new EnvironmentCheck(requiredVariables);
    }

    List<TemplateViolation> all(SamTemplate template) {
        List<TemplateViolation> violations = new ArrayList<>();
        violations.addAll(handlers.check(template));
        violations.addAll(environment.check(template));
        violations.addAll(eventSources.check(template));
        violations.addAll(policies.check(template));
        violations.addAll(specification.check(template));
        return violations;
    }

    /** The variables docs/ARCHITECTURE.md says each Tally function's config record requires. */
    static Map<String, List<String>> documentedVariables() {
        Map<String, List<String>> variables = new java.util.HashMap<>();
        FunctionNeeds.TALLY.forEach((id, needs) -> variables.put(id, needs.documentedVariables()));
        return variables;
    }
}
