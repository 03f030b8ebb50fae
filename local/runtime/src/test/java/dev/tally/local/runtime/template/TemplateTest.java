package dev.tally.local.runtime.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The build test of the real {@code template.yaml}: the shape docs/ARCHITECTURE.md names, and every
 * template check (handlers in their built modules, environment against the config records,
 * event source settings, least-privilege policies, the CloudFormation specification).
 */
class TemplateTest {

    private static final RepositoryLayout LAYOUT = RepositoryLayout.find();
    private final SamTemplate template = TemplateReader.read(LAYOUT.template());

    private static final Map<String, String> HANDLERS = Map.of(
            "AuthFunction", "dev.tally.api.handler.AuthHandler",
            "CommandSubmissionFunction", "dev.tally.api.handler.CommandSubmissionHandler",
            "QueryFunction", "dev.tally.api.handler.QueryHandler",
            "CommandWorkerFunction", "dev.tally.commands.handler.CommandWorkerHandler",
            "SummaryProjectionFunction", "dev.tally.projections.handler.SummaryProjectionHandler");

    private static final Map<String, String> CODE = Map.of(
            "AuthFunction", "api/target/tally-api-0.1.0-SNAPSHOT-auth-lambda.jar",
            "CommandSubmissionFunction", "api/target/tally-api-0.1.0-SNAPSHOT-submission-lambda.jar",
            "QueryFunction", "api/target/tally-api-0.1.0-SNAPSHOT-query-lambda.jar",
            "CommandWorkerFunction", "commands/target/tally-commands-0.1.0-SNAPSHOT-lambda.jar",
            "SummaryProjectionFunction", "projections/target/tally-projections-0.1.0-SNAPSHOT-lambda.jar");

    /** The HTTP API contract of docs/ARCHITECTURE.md, route key → function. */
    private static final Map<String, String> ROUTES = Map.ofEntries(
            Map.entry("POST /auth/register", "AuthFunction"),
            Map.entry("POST /auth/login", "AuthFunction"),
            Map.entry("POST /debts", "CommandSubmissionFunction"),
            Map.entry("PATCH /debts/{debtId}", "CommandSubmissionFunction"),
            Map.entry("POST /debts/{debtId}/payments", "CommandSubmissionFunction"),
            Map.entry("POST /debts/{debtId}/settle", "CommandSubmissionFunction"),
            Map.entry("DELETE /debts/{debtId}", "CommandSubmissionFunction"),
            Map.entry("GET /commands/{commandId}", "QueryFunction"),
            Map.entry("GET /debts", "QueryFunction"),
            Map.entry("GET /debts/{debtId}", "QueryFunction"),
            Map.entry("GET /summary", "QueryFunction"));

    @Test
    void functions_areTheFiveOfTheArchitectureWithTheirHandlersAndJars() {
        Map<String, String> handlers = new HashMap<>();
        Map<String, String> code = new HashMap<>();
        template.functions().forEach(f -> {
            handlers.put(f.logicalId(), f.handler());
            code.put(f.logicalId(), f.codeUri());
        });
        assertThat(handlers).isEqualTo(HANDLERS);
        assertThat(code).isEqualTo(CODE);
    }

    @Test
    void httpRoutes_areExactlyTheContractRoutesOnOneApi() {
        Map<String, String> routes = new HashMap<>();
        template.httpRoutes()
                .forEach(route -> assertThat(routes.put(route.routeKey(), route.functionLogicalId()))
                        .as("route %s declared twice", route.routeKey())
                        .isNull());
        assertThat(routes).isEqualTo(ROUTES);
        for (FunctionDefinition function : template.functions()) {
            for (HttpApiEvent event : function.eventsOf(HttpApiEvent.class)) {
                assertThat(event.apiId())
                        .as(function.logicalId() + "." + event.name())
                        .contains(Intrinsic.ref("TallyHttpApi"));
            }
        }
        assertThat(template.resource("TallyHttpApi").map(Resource::type)).contains("AWS::Serverless::HttpApi");
    }

    @Test
    void globals_setRuntimeTracingSnapStartAndTheColdStartJvmFlags() {
        for (FunctionDefinition function : template.functions()) {
            TemplateMap properties = function.properties();
            assertThat(function.runtime()).isEqualTo("java25");
            assertThat(properties.get("Tracing")).contains(TemplateScalar.of("Active"));
            assertThat(properties.get("AutoPublishAlias")).isPresent();
            assertThat(properties.get("SnapStart")).contains(TemplateEdits.value("{ApplyOn: PublishedVersions}"));
            assertThat(properties.get("Architectures")).contains(TemplateEdits.value("[arm64]"));
            // C1 only for a fast cold start, except where the hot path is CPU-bound hashing (ADR 0003).
            String jvmFlags = function.logicalId().equals("AuthFunction")
                    ? "-XX:+TieredCompilation -XX:TieredStopAtLevel=4"
                    : "-XX:+TieredCompilation -XX:TieredStopAtLevel=1";
            assertThat(function.environment().get("JAVA_TOOL_OPTIONS"))
                    .as(function.logicalId())
                    .isEqualTo(TemplateScalar.of(jvmFlags));
            assertThat(function.environment().get("POWERTOOLS_TRACER_CAPTURE_RESPONSE"))
                    .isEqualTo(TemplateScalar.of("false"));
            assertThat(function.environment().get("POWERTOOLS_TRACER_CAPTURE_ERROR"))
                    .isEqualTo(TemplateScalar.of("false"));
            assertThat(function.memorySizeMb()).isBetween(512, 10_240);
        }
    }

    @Test
    void functions_areSkippedBySamBuildBecauseMavenBuildsTheirJars() {
        for (Resource resource : template.resourcesOfType(FunctionDefinition.TYPE)) {
            assertThat(resource.attributes().get("Metadata"))
                    .as(resource.logicalId())
                    .contains(TemplateEdits.value("{SkipBuild: true}"));
        }
    }

    @Test
    void tables_haveTheDocumentedKeysStreamTtlAndProtection() {
        Map<String, TableDefinition> tables = new LinkedHashMap<>();
        template.tables().forEach(table -> tables.put(table.logicalId(), table));
        assertThat(tables)
                .containsOnlyKeys("UsersTable", "DebtsTable", "SummariesTable", "CommandsTable", "LoginAttemptsTable");
        assertThat(tables.get("LoginAttemptsTable").partitionKey()).isEqualTo(new KeyAttribute("counterKey", "S"));
        assertThat(tables.get("LoginAttemptsTable").timeToLiveAttribute()).contains("expiresAt");
        assertThat(tables.get("UsersTable").partitionKey()).isEqualTo(new KeyAttribute("pk", "S"));
        assertThat(tables.get("UsersTable").sortKey()).isEmpty();
        assertThat(tables.get("DebtsTable").partitionKey()).isEqualTo(new KeyAttribute("userId", "S"));
        assertThat(tables.get("DebtsTable").sortKey()).contains(new KeyAttribute("debtId", "S"));
        assertThat(tables.get("DebtsTable").streamViewType()).contains("NEW_AND_OLD_IMAGES");
        assertThat(tables.get("SummariesTable").partitionKey()).isEqualTo(new KeyAttribute("userId", "S"));
        assertThat(tables.get("SummariesTable").sortKey()).isEmpty();
        assertThat(tables.get("CommandsTable").sortKey()).contains(new KeyAttribute("commandId", "S"));
        assertThat(tables.get("CommandsTable").timeToLiveAttribute()).contains("expiresAt");
        for (TableDefinition table : tables.values()) {
            assertThat(table.properties().get("BillingMode"))
                    .as(table.logicalId())
                    .contains(TemplateScalar.of("PAY_PER_REQUEST"));
            assertThat(table.properties().get("PointInTimeRecoverySpecification"))
                    .as(table.logicalId())
                    .contains(TemplateEdits.value("{PointInTimeRecoveryEnabled: true}"));
            assertThat(table.properties().get("SSESpecification"))
                    .as(table.logicalId())
                    .contains(TemplateEdits.value("{SSEEnabled: true}"));
        }
    }

    @Test
    void queues_areTheFifoPairAndTheProjectionFailureQueue() {
        Map<String, QueueDefinition> queues = new LinkedHashMap<>();
        template.queues().forEach(queue -> queues.put(queue.logicalId(), queue));
        assertThat(queues).containsOnlyKeys("CommandsQueue", "CommandsDeadLetterQueue", "ProjectionFailuresQueue");
        assertThat(queues.get("CommandsQueue").fifo()).isTrue();
        assertThat(queues.get("CommandsDeadLetterQueue").fifo()).isTrue();
        assertThat(queues.get("CommandsDeadLetterQueue").contentBasedDeduplication())
                .isFalse();
        assertThat(queues.get("CommandsDeadLetterQueue").messageRetentionPeriodSeconds())
                .isGreaterThan(queues.get("CommandsQueue").messageRetentionPeriodSeconds());
        assertThat(queues.get("CommandsQueue").redrivePolicy().orElseThrow().deadLetterTargetArn())
                .isEqualTo(Intrinsic.getAtt("CommandsDeadLetterQueue", "Arn"));
        assertThat(queues.get("ProjectionFailuresQueue").fifo()).isFalse();
    }

    @Test
    void secret_isGeneratedLongEnoughForHs256AndGivenToTheApiFunctions() {
        SecretDefinition secret = template.secrets().stream()
                .filter(s -> s.logicalId().equals("JwtSigningSecret"))
                .findFirst()
                .orElseThrow();
        assertThat(secret.secretString()).isEmpty();
        assertThat(secret.passwordLength()).isGreaterThanOrEqualTo(32);
        for (String function : List.of("AuthFunction", "CommandSubmissionFunction", "QueryFunction")) {
            assertThat(template.function(function).orElseThrow().environment().get("JWT_SECRET_ARN"))
                    .isEqualTo(Intrinsic.ref("JwtSigningSecret"));
        }
    }

    @Test
    void logGroups_existPerFunctionWithRetention() {
        Map<TemplateValue, TemplateMap> groups = new HashMap<>();
        template.resourcesOfType("AWS::Logs::LogGroup")
                .forEach(group ->
                        groups.put(group.properties().get("LogGroupName").orElseThrow(), group.properties()));
        for (String function : HANDLERS.keySet()) {
            TemplateValue name =
                    new Intrinsic(IntrinsicFunction.SUB, TemplateScalar.of("/aws/lambda/${" + function + "}"));
            assertThat(groups).as("log group of " + function).containsKey(name);
            assertThat(groups.get(name).get("RetentionInDays")).isPresent();
        }
    }

    @Test
    void alarms_watchDeadLettersProjectionFailuresIteratorAgeAndErrorsAndNotifyTheTopic() {
        List<String> watched = new ArrayList<>();
        for (Resource alarm : template.resourcesOfType("AWS::CloudWatch::Alarm")) {
            TemplateMap properties = alarm.properties();
            assertThat(properties.get("AlarmActions"))
                    .as(alarm.logicalId())
                    .contains(TemplateEdits.value("[!Ref AlarmTopic]"));
            TemplateValue dimension = ((TemplateMap)
                            ((TemplateList) properties.get("Dimensions").orElseThrow()).get(0))
                    .get("Value")
                    .orElseThrow();
            String target = ((Intrinsic) dimension).referencedLogicalId().orElseThrow();
            watched.add(((TemplateScalar) properties.get("MetricName").orElseThrow()).text() + " " + target);
        }
        List<String> expected = new ArrayList<>(List.of(
                "ApproximateNumberOfMessagesVisible CommandsDeadLetterQueue",
                "ApproximateNumberOfMessagesVisible ProjectionFailuresQueue",
                "IteratorAge SummaryProjectionFunction"));
        HANDLERS.keySet().forEach(function -> expected.add("Errors " + function));
        assertThat(watched).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(template.resource("AlarmTopic").map(Resource::type)).contains("AWS::SNS::Topic");
    }

    @Test
    void outputs_giveApiUrlQueueUrlsAndTableNames() {
        assertThat(template.section("Outputs").keys())
                .contains(
                        "ApiUrl",
                        "CommandsQueueUrl",
                        "CommandsDeadLetterQueueUrl",
                        "ProjectionFailuresQueueUrl",
                        "UsersTableName",
                        "DebtsTableName",
                        "SummariesTableName",
                        "CommandsTableName");
    }

    @Test
    void template_resolvesCompletelyWithLocalValues() {
        ResolutionContext context = new ResolutionContext(
                Map.of(),
                Map.of(
                        "AWS::StackName",
                        "tally",
                        "AWS::Region",
                        "us-east-1",
                        "AWS::URLSuffix",
                        "amazonaws.com",
                        "AWS::AccountId",
                        "000000000000",
                        "AWS::Partition",
                        "aws"),
                Map.of(),
                Map.of());
        for (Resource resource : template.resources().values()) {
            context = context.withResource(
                    resource.logicalId(),
                    "local-" + resource.logicalId(),
                    Map.of(
                            "Arn",
                            "arn:local:" + resource.logicalId(),
                            "QueueName",
                            "q-" + resource.logicalId(),
                            "StreamArn",
                            "arn:local:stream:" + resource.logicalId()));
        }
        IntrinsicResolver resolver = new IntrinsicResolver(template, context);
        TemplateMap resolved = (TemplateMap) resolver.resolve(template.document(), "");
        assertThat(resolved.toString()).doesNotContain("Intrinsic[");
        FunctionDefinition worker =
                new SamTemplate(resolved).function("CommandWorkerFunction").orElseThrow();
        assertThat(worker.environment())
                .containsEntry("DEAD_LETTER_QUEUE_URL", TemplateScalar.of("local-CommandsDeadLetterQueue"))
                .containsEntry("POWERTOOLS_LOG_LEVEL", TemplateScalar.of("INFO"));
        assertThat(resolver.resolveString(template.tables().get(1).tableName().orElseThrow(), "t"))
                .isEqualTo("tally-debts");
    }

    @Test
    void eventSources_haveTheRequiredSettings() {
        assertNoViolations(new EventSourceCheck().check(template));
    }

    @Test
    void policies_grantExactlyWhatEachFunctionNeeds() {
        assertNoViolations(new PolicyCheck().check(template));
    }

    @Test
    void resources_matchTheCloudFormationSpecification() {
        assertNoViolations(ResourceSpecCheck.load().check(template));
    }

    @Test
    void specificationSubset_coversEveryNonSamResourceType() {
        Set<String> covered = ResourceSpecCheck.load().resourceTypeNames();
        template.resources().values().stream()
                .map(Resource::type)
                .filter(type -> !type.startsWith("AWS::Serverless::"))
                .forEach(type -> assertThat(covered)
                        .as("run .ci/install-cfnspec.sh after adding " + type)
                        .contains(type));
    }

    @Test
    void environment_setsEveryVariableTheArchitectureDocumentsPerFunction() {
        assertNoViolations(new EnvironmentCheck(TemplateChecks.documentedVariables()).check(template));
    }

    /**
     * Against the config records themselves ({@code XConfig.requiredVariables()}) read from each
     * function's built code. Skipped, naming the record, while common's config records are not in
     * the built code yet.
     */
    @Test
    void environment_setsEveryVariableTheConfigRecordsRequire() {
        Map<String, List<String>> required = new HashMap<>();
        List<String> waiting = new ArrayList<>();
        for (FunctionDefinition function : template.functions()) {
            FunctionNeeds needs = FunctionNeeds.of(function.logicalId()).orElseThrow();
            Optional<List<String>> variables =
                    ConfigRecordVariables.required(LAYOUT.codeLocation(function.codeUri()), needs.configRecord());
            variables.ifPresentOrElse(
                    list -> required.put(function.logicalId(), list),
                    () -> waiting.add(needs.configRecord() + " (for " + function.logicalId() + ")"));
        }
        List<TemplateViolation> violations = new EnvironmentCheck(required)
                .check(template).stream()
                        .filter(v -> !v.problem().startsWith("no config record"))
                        .toList();
        assertNoViolations(violations);
        Assumptions.assumeTrue(waiting.isEmpty(), () -> "config records not built yet: " + waiting);
    }

    /**
     * Each Handler against its function's built code. A handler class that is not in the built code
     * yet (being written in parallel) is reported as waiting and the test is skipped, naming it;
     * only classes named exactly as docs/ARCHITECTURE.md names them may wait (a misspelt handler
     * fails here and in {@link #functions_areTheFiveOfTheArchitectureWithTheirHandlersAndJars}).
     * Every present class gets every check.
     */
    @Test
    void handlers_existInTheirModuleAndImplementTheirEventInterface() {
        List<String> waiting = new ArrayList<>();
        Set<String> waitingFunctions = new java.util.HashSet<>();
        for (FunctionDefinition function : template.functions()) {
            CodeLocation code = LAYOUT.codeLocation(function.codeUri());
            if (!code.built() || !code.containsClass(function.handlerClass())) {
                assertThat(function.handler())
                        .as("handler of " + function.logicalId())
                        .isEqualTo(HANDLERS.get(function.logicalId()));
                waiting.add(function.handlerClass() + " (" + function.logicalId() + ", " + function.codeUri()
                        + (code.built() ? "" : ", module not built") + ")");
                waitingFunctions.add(function.logicalId());
            }
        }
        List<TemplateViolation> violations = new HandlerCheck(LAYOUT::codeLocation)
                .check(template).stream()
                        .filter(v -> waitingFunctions.stream()
                                .noneMatch(id -> v.path().startsWith("Resources." + id + ".")))
                        .toList();
        assertNoViolations(violations);
        Assumptions.assumeTrue(waiting.isEmpty(), () -> "handler classes not in the built code yet: " + waiting);
    }

    private static void assertNoViolations(List<TemplateViolation> violations) {
        if (!violations.isEmpty()) {
            fail(violations.size() + " template violation(s):\n  "
                    + String.join(
                            "\n  ",
                            violations.stream().map(TemplateViolation::toString).toList()));
        }
    }
}
