package dev.tally.local.runtime.template;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Checks least privilege: a function's {@code Policies} may only be SAM policy templates scoped to
 * the tables, queues and secret its environment names (plus its own on-failure destination queue),
 * write access only to the tables it writes ({@link FunctionNeeds}); no managed policies (so no
 * {@code *FullAccess}), no wildcards, no custom {@code Role}. Where {@link FunctionNeeds#tableActions}
 * names a table's exact actions, that table must be granted by an inline {@code Statement} with exactly
 * those actions on {@code !GetAtt <table>.Arn}, and a SAM policy template on it is refused. It also checks the converse: every
 * resource the function names is granted, so the function does not fail on AWS with AccessDenied.
 */
final class PolicyCheck {

    private enum Access {
        READ,
        WRITE
    }

    List<TemplateViolation> check(SamTemplate template) {
        List<TemplateViolation> violations = new ArrayList<>();
        for (FunctionDefinition function : template.functions()) {
            check(function, violations);
        }
        return violations;
    }

    private void check(FunctionDefinition function, List<TemplateViolation> violations) {
        String path = "Resources." + function.logicalId() + ".Properties";
        if (function.properties().has("Role")) {
            violations.add(
                    new TemplateViolation(path + ".Role", "a custom role bypasses the policy check; use Policies"));
        }
        Set<String> writtenVariables = FunctionNeeds.of(function.logicalId())
                .map(FunctionNeeds::writtenTableVariables)
                .orElse(Set.of());
        Map<String, Set<String>> neededActions = new HashMap<>();
        Map<String, Set<String>> grantedActions = new HashMap<>();
        Map<String, Access> tables = new HashMap<>();
        Set<String> queues = new HashSet<>();
        Set<String> secrets = new HashSet<>();
        function.environment()
                .forEach((name, value) -> refTarget(value).ifPresent(id -> {
                    if (name.endsWith("_TABLE")) {
                        tables.put(id, writtenVariables.contains(name) ? Access.WRITE : Access.READ);
                        FunctionNeeds.of(function.logicalId())
                                .map(needs -> needs.tableActions().get(name))
                                .ifPresent(actions -> neededActions.put(id, actions));
                    } else if (name.endsWith("_QUEUE_URL")) {
                        queues.add(id);
                    } else if (name.endsWith("_SECRET_ARN")) {
                        secrets.add(id);
                    }
                }));
        for (DynamoDbEvent event : function.eventsOf(DynamoDbEvent.class)) {
            event.onFailure()
                    .flatMap(destination -> EventSourceCheck.getAttTarget(destination.destination(), "Arn"))
                    .ifPresent(queues::add);
        }
        Map<String, Access> grantedTables = new HashMap<>();
        Set<String> grantedQueues = new HashSet<>();
        Set<String> grantedSecrets = new HashSet<>();
        List<TemplateValue> policies = policies(function, path, violations);
        for (int i = 0; i < policies.size(); i++) {
            String policyPath = path + ".Policies[" + i + "]";
            TemplateValue policy = policies.get(i);
            if (policy instanceof TemplateScalar name) {
                violations.add(new TemplateViolation(
                        policyPath,
                        name.text().contains("FullAccess")
                                ? "*FullAccess managed policy " + name.text()
                                        + " grants far more than the function needs"
                                : "managed policy " + name.text()
                                        + " is not scoped to this function's resources; use a SAM policy template"));
                continue;
            }
            if (policy instanceof TemplateMap statement && statement.keys().contains("Statement")) {
                checkStatements(
                        statement, policyPath, tables, neededActions, grantedTables, grantedActions, violations);
                continue;
            }
            if (!(policy instanceof TemplateMap map) || map.keys().size() != 1) {
                violations.add(new TemplateViolation(
                        policyPath, "expected one SAM policy template, found " + policy.describe()));
                continue;
            }
            String template = map.keys().iterator().next();
            TemplateMap parameters = map.get(template)
                    .filter(TemplateMap.class::isInstance)
                    .map(TemplateMap.class::cast)
                    .orElse(TemplateMap.EMPTY);
            String parametersPath = policyPath + "." + template;
            switch (template) {
                case "DynamoDBCrudPolicy", "DynamoDBWritePolicy", "DynamoDBReadPolicy" -> {
                    Access access = template.equals("DynamoDBReadPolicy") ? Access.READ : Access.WRITE;
                    Optional<String> table = parameters.get("TableName").flatMap(PolicyCheck::refTarget);
                    if (table.isEmpty() || !tables.containsKey(table.get())) {
                        violations.add(new TemplateViolation(
                                parametersPath + ".TableName",
                                "must be !Ref of a table the function's environment names " + tables.keySet()));
                    } else {
                        if (neededActions.containsKey(table.get())) {
                            violations.add(new TemplateViolation(
                                    parametersPath,
                                    template + " grants more than "
                                            + function.logicalId() + " calls on " + table.get() + "; grant exactly "
                                            + new java.util.TreeSet<>(neededActions.get(table.get()))
                                            + " in an inline Statement"));
                        }
                        if (access == Access.WRITE && tables.get(table.get()) == Access.READ) {
                            violations.add(new TemplateViolation(
                                    parametersPath,
                                    "grants write access to " + table.get() + ", which " + function.logicalId()
                                            + " only reads; use DynamoDBReadPolicy"));
                        }
                        grantedTables.merge(
                                table.get(),
                                access,
                                (a, b) -> a == Access.WRITE || b == Access.WRITE ? Access.WRITE : Access.READ);
                    }
                }
                case "SQSSendMessagePolicy" -> {
                    Optional<String> queue =
                            parameters.get("QueueName").flatMap(v -> EventSourceCheck.getAttTarget(v, "QueueName"));
                    if (queue.isEmpty() || !queues.contains(queue.get())) {
                        violations.add(new TemplateViolation(
                                parametersPath + ".QueueName",
                                "must be !GetAtt <queue>.QueueName of a queue the function names " + queues));
                    } else {
                        grantedQueues.add(queue.get());
                    }
                }
                case "AWSSecretsManagerGetSecretValuePolicy" -> {
                    Optional<String> secret = parameters.get("SecretArn").flatMap(PolicyCheck::refTarget);
                    if (secret.isEmpty() || !secrets.contains(secret.get())) {
                        violations.add(new TemplateViolation(
                                parametersPath + ".SecretArn",
                                "must be !Ref of a secret the function's environment names " + secrets));
                    } else {
                        grantedSecrets.add(secret.get());
                    }
                }
                default ->
                    violations.add(new TemplateViolation(
                            policyPath,
                            "policy " + template
                                    + " is not one of the scoped templates this function may use (DynamoDBCrudPolicy, DynamoDBReadPolicy,"
                                    + " SQSSendMessagePolicy, AWSSecretsManagerGetSecretValuePolicy)"));
            }
        }
        tables.forEach((table, access) -> {
            Access granted = grantedTables.get(table);
            if (granted == null || (access == Access.WRITE && granted == Access.READ)) {
                violations.add(new TemplateViolation(
                        path + ".Policies",
                        "no " + (access == Access.WRITE ? "write" : "read") + " access to " + table
                                + ", which the function " + (access == Access.WRITE ? "writes" : "reads")));
            }
        });
        neededActions.forEach((table, actions) -> {
            Set<String> granted = grantedActions.getOrDefault(table, Set.of());
            if (!granted.containsAll(actions)) {
                Set<String> missing = new java.util.TreeSet<>(actions);
                missing.removeAll(granted);
                violations.add(new TemplateViolation(
                        path + ".Policies",
                        "no " + missing + " on " + table + ", which " + function.logicalId() + " calls"));
            }
        });
        queues.stream()
                .filter(queue -> !grantedQueues.contains(queue))
                .forEach(queue -> violations.add(new TemplateViolation(
                        path + ".Policies", "no SQSSendMessagePolicy for " + queue + ", which the function sends to")));
        secrets.stream()
                .filter(secret -> !grantedSecrets.contains(secret))
                .forEach(secret -> violations.add(new TemplateViolation(
                        path + ".Policies", "no AWSSecretsManagerGetSecretValuePolicy for " + secret)));
    }

    private static final Set<String> READ_ACTIONS = Set.of(
            "dynamodb:GetItem",
            "dynamodb:BatchGetItem",
            "dynamodb:Query",
            "dynamodb:ConditionCheckItem",
            "dynamodb:DescribeTable");

    /** An inline {@code Statement}: Allow, DynamoDB actions without wildcards, on {@code !GetAtt <table>.Arn}. */
    private static void checkStatements(
            TemplateMap policy,
            String policyPath,
            Map<String, Access> tables,
            Map<String, Set<String>> neededActions,
            Map<String, Access> grantedTables,
            Map<String, Set<String>> grantedActions,
            List<TemplateViolation> violations) {
        List<TemplateValue> statements = policy.get("Statement")
                .map(v -> v instanceof TemplateList list ? list.items() : List.of(v))
                .orElse(List.of());
        for (int s = 0; s < statements.size(); s++) {
            String statementPath = policyPath + ".Statement[" + s + "]";
            if (!(statements.get(s) instanceof TemplateMap statement)) {
                violations.add(new TemplateViolation(statementPath, "expected a statement map"));
                continue;
            }
            if (!statement.get("Effect").equals(Optional.of(TemplateScalar.of("Allow")))) {
                violations.add(new TemplateViolation(statementPath + ".Effect", "must be Allow"));
            }
            List<String> actions = statement
                    .get("Action")
                    .map(v -> v instanceof TemplateList list ? list.items() : List.of(v))
                    .orElse(List.<TemplateValue>of())
                    .stream()
                    .map(v -> v instanceof TemplateScalar scalar ? scalar.text() : v.describe())
                    .toList();
            Optional<String> table = statement.get("Resource").flatMap(v -> EventSourceCheck.getAttTarget(v, "Arn"));
            if (table.isEmpty() || !tables.containsKey(table.get())) {
                violations.add(new TemplateViolation(
                        statementPath + ".Resource",
                        "must be !GetAtt <table>.Arn of a table the function's environment names " + tables.keySet()));
                continue;
            }
            Set<String> allowed = neededActions.getOrDefault(
                    table.get(), tables.get(table.get()) == Access.READ ? READ_ACTIONS : Set.of());
            for (String action : actions) {
                if (action.contains("*") || !allowed.contains(action)) {
                    violations.add(new TemplateViolation(
                            statementPath + ".Action",
                            action + " on " + table.get() + " is not one the function needs "
                                    + new java.util.TreeSet<>(allowed)));
                }
            }
            boolean writes = actions.stream().anyMatch(action -> !READ_ACTIONS.contains(action));
            grantedTables.merge(
                    table.get(),
                    writes ? Access.WRITE : Access.READ,
                    (a, b) -> a == Access.WRITE || b == Access.WRITE ? Access.WRITE : Access.READ);
            grantedActions.computeIfAbsent(table.get(), key -> new HashSet<>()).addAll(actions);
        }
    }

    private static List<TemplateValue> policies(
            FunctionDefinition function, String path, List<TemplateViolation> violations) {
        Optional<TemplateValue> policies = function.properties().get("Policies");
        if (policies.isEmpty()) {
            return List.of();
        }
        if (policies.get() instanceof TemplateList list) {
            return list.items();
        }
        if (policies.get() instanceof TemplateScalar || policies.get() instanceof TemplateMap) {
            return List.of(policies.get());
        }
        violations.add(new TemplateViolation(
                path + ".Policies", "cannot be checked: " + policies.get().describe()));
        return List.of();
    }

    private static Optional<String> refTarget(TemplateValue value) {
        return value instanceof Intrinsic intrinsic && intrinsic.function() == IntrinsicFunction.REF
                ? intrinsic.referencedLogicalId()
                : Optional.empty();
    }
}
