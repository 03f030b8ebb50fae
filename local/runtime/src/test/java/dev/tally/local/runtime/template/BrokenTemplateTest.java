package dev.tally.local.runtime.template;

import static dev.tally.local.runtime.template.TemplateEdits.append;
import static dev.tally.local.runtime.template.TemplateEdits.remove;
import static dev.tally.local.runtime.template.TemplateEdits.set;
import static dev.tally.local.runtime.template.TemplateEdits.value;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tally.local.runtime.template.fixture.HttpFixtureHandler;
import dev.tally.local.runtime.template.fixture.SqsFixtureHandler;
import dev.tally.local.runtime.template.fixture.StreamFixtureHandler;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Deliberately broken copies of the real template.yaml, each caught by the template checks. The
 * copies point every function at fixture handler classes in this module's test classes, so these
 * tests do not depend on the function modules being written or built.
 */
class BrokenTemplateTest {

    private static final String FIXTURE = "dev.tally.local.runtime.template.fixture.";
    private static final Path TEST_CLASSES = testClasses();

    private final TemplateChecks checks = new TemplateChecks(
            codeUri -> new CodeLocation(codeUri, List.of(TEST_CLASSES), true), TemplateChecks.documentedVariables());

    private final SamTemplate fixture =
            withFixtureHandlers(TemplateReader.read(RepositoryLayout.find().template()));

    private static SamTemplate withFixtureHandlers(SamTemplate real) {
        SamTemplate template = real;
        for (String function : List.of("AuthFunction", "CommandSubmissionFunction", "QueryFunction")) {
            template = handler(template, function, HttpFixtureHandler.class.getName());
        }
        template = handler(template, "CommandWorkerFunction", SqsFixtureHandler.class.getName());
        return handler(template, "SummaryProjectionFunction", StreamFixtureHandler.class.getName());
    }

    private static SamTemplate handler(SamTemplate template, String function, String className) {
        return set(template, "Resources." + function + ".Properties.Handler", TemplateScalar.of(className));
    }

    private List<String> violations(SamTemplate template) {
        return checks.all(template).stream().map(TemplateViolation::toString).toList();
    }

    @Test
    void fixtureCopy_whenNothingBroken_passesEveryCheck() {
        assertThat(violations(fixture)).isEmpty();
    }

    @Test
    void handler_whenClassDoesNotExist_isCaught() {
        SamTemplate broken = handler(fixture, "QueryFunction", FIXTURE + "MissingHandler");
        assertThat(violations(broken))
                .singleElement()
                .asString()
                .startsWith(
                        "Resources.QueryFunction.Properties.Handler: class " + FIXTURE + "MissingHandler is not in");
    }

    @Test
    void handler_whenImplementingAnotherEventsInterface_isCaught() {
        SamTemplate broken = handler(fixture, "QueryFunction", SqsFixtureHandler.class.getName());
        assertThat(violations(broken))
                .singleElement()
                .asString()
                .contains("Resources.QueryFunction.Properties.Handler")
                .contains("implements RequestHandler<com.amazonaws.services.lambda.runtime.events.SQSEvent, "
                        + "com.amazonaws.services.lambda.runtime.events.SQSBatchResponse> but its events need "
                        + "RequestHandler<com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent");
    }

    @Test
    void handler_whenStreamFunctionGetsHttpHandler_isCaught() {
        SamTemplate broken = handler(fixture, "SummaryProjectionFunction", HttpFixtureHandler.class.getName());
        assertThat(violations(broken))
                .singleElement()
                .asString()
                .contains("Resources.SummaryProjectionFunction.Properties.Handler")
                .contains("need RequestHandler<com.amazonaws.services.lambda.runtime.events.DynamodbEvent, "
                        + "com.amazonaws.services.lambda.runtime.events.StreamsEventResponse>");
    }

    @Test
    void handler_whenNotAHandler_isCaught() {
        SamTemplate broken = handler(fixture, "AuthFunction", FIXTURE + "NotAHandler");
        assertThat(violations(broken))
                .singleElement()
                .asString()
                .endsWith(FIXTURE + "NotAHandler does not implement " + HandlerCheck.REQUEST_HANDLER);
    }

    @Test
    void handler_whenNoPublicNoArgumentConstructor_isCaught() {
        SamTemplate broken = handler(fixture, "CommandWorkerFunction", FIXTURE + "NoDefaultConstructorHandler");
        assertThat(violations(broken)).singleElement().asString().contains("has no public no-argument constructor");
    }

    @Test
    void sqsEvent_whenReportBatchItemFailuresMissing_isCaught() {
        SamTemplate broken = remove(
                fixture, "Resources.CommandWorkerFunction.Properties.Events.Commands.Properties.FunctionResponseTypes");
        assertThat(violations(broken))
                .containsExactly(
                        "Resources.CommandWorkerFunction.Properties.Events.Commands.Properties"
                                + ".FunctionResponseTypes: must include ReportBatchItemFailures (the handler returns SQSBatchResponse)");
    }

    @Test
    void streamEvent_whenReportBatchItemFailuresMissing_isCaught() {
        SamTemplate broken = set(
                fixture,
                "Resources.SummaryProjectionFunction.Properties.Events.DebtChanges.Properties"
                        + ".FunctionResponseTypes",
                value("[]"));
        assertThat(violations(broken))
                .singleElement()
                .asString()
                .contains("DebtChanges.Properties.FunctionResponseTypes: must include");
    }

    @Test
    void streamEvent_whenBisectRetriesAgeAndDestinationMissing_isCaughtForEach() {
        String event = "Resources.SummaryProjectionFunction.Properties.Events.DebtChanges.Properties.";
        SamTemplate broken = fixture;
        for (String property : List.of(
                "BisectBatchOnFunctionError",
                "MaximumRetryAttempts",
                "MaximumRecordAgeInSeconds",
                "DestinationConfig")) {
            broken = remove(broken, event + property);
        }
        assertThat(violations(broken))
                .contains(
                        event + "BisectBatchOnFunctionError: must be true",
                        event + "MaximumRetryAttempts: must be set and bounded (0..10000), found -1",
                        event + "MaximumRecordAgeInSeconds: must be set and bounded (60..604800), found -1",
                        event
                                + "DestinationConfig.OnFailure: missing: records that exhaust their retries need a destination");
    }

    @Test
    void policy_whenFullAccessManagedPolicy_isCaught() {
        SamTemplate broken =
                append(fixture, "Resources.QueryFunction.Properties.Policies", value("AmazonDynamoDBFullAccess"));
        assertThat(violations(broken))
                .containsExactly("Resources.QueryFunction.Properties.Policies[4]: *FullAccess managed "
                        + "policy AmazonDynamoDBFullAccess grants far more than the function needs");
    }

    @Test
    void policy_whenWriteOnATableTheFunctionOnlyReads_isCaught() {
        SamTemplate broken = set(
                fixture,
                "Resources.QueryFunction.Properties.Policies",
                value(
                        "[{DynamoDBCrudPolicy: {TableName: !Ref DebtsTable}}, {DynamoDBReadPolicy: {TableName: !Ref SummariesTable}},"
                                + " {DynamoDBReadPolicy: {TableName: !Ref CommandsTable}},"
                                + " {AWSSecretsManagerGetSecretValuePolicy: {SecretArn: !Ref JwtSigningSecret}}]"));
        assertThat(violations(broken))
                .singleElement()
                .asString()
                .contains("grants write access to DebtsTable, which QueryFunction only reads");
    }

    @Test
    void policy_whenTableTheFunctionDoesNotName_isCaught() {
        SamTemplate broken = append(
                fixture,
                "Resources.CommandWorkerFunction.Properties.Policies",
                value("{DynamoDBCrudPolicy: {TableName: !Ref UsersTable}}"));
        assertThat(violations(broken))
                .singleElement()
                .asString()
                .startsWith(
                        "Resources.CommandWorkerFunction.Properties.Policies[2].DynamoDBCrudPolicy.TableName: must be !Ref of a table");
    }

    @Test
    void policy_whenWildcardInlineStatement_isCaught() {
        SamTemplate broken = append(
                fixture,
                "Resources.CommandWorkerFunction.Properties.Policies",
                value("{Statement: [{Effect: Allow, Action: 'dynamodb:*', Resource: '*'}]}"));
        assertThat(violations(broken))
                .singleElement()
                .asString()
                .startsWith(
                        "Resources.CommandWorkerFunction.Properties.Policies[2].Statement[0].Resource: must be !GetAtt <table>.Arn");
    }

    @Test
    void policy_whenAuthGetsCrudOnTheUsersTable_isCaught() {
        SamTemplate broken = set(
                fixture,
                "Resources.AuthFunction.Properties.Policies",
                value("[{DynamoDBCrudPolicy: {TableName: !Ref UsersTable}},"
                        + " {Statement: [{Effect: Allow, Action: [dynamodb:UpdateItem], Resource: !GetAtt LoginAttemptsTable.Arn}]},"
                        + " {AWSSecretsManagerGetSecretValuePolicy: {SecretArn: !Ref JwtSigningSecret}}]"));
        assertThat(violations(broken))
                .containsExactlyInAnyOrder(
                        "Resources.AuthFunction.Properties.Policies[0].DynamoDBCrudPolicy: DynamoDBCrudPolicy grants more than AuthFunction"
                                + " calls on UsersTable; grant exactly [dynamodb:GetItem, dynamodb:PutItem] in an inline Statement",
                        "Resources.AuthFunction.Properties.Policies: no [dynamodb:GetItem, dynamodb:PutItem] on UsersTable, which AuthFunction calls");
    }

    @Test
    void policy_whenAnInlineStatementAddsScanOrDelete_isCaught() {
        SamTemplate broken = append(
                fixture,
                "Resources.CommandWorkerFunction.Properties.Policies",
                value(
                        "{Statement: [{Effect: Allow, Action: [dynamodb:Scan, dynamodb:DeleteItem], Resource: !GetAtt DebtsTable.Arn}]}"));
        assertThat(violations(broken))
                .containsExactly(
                        "Resources.CommandWorkerFunction.Properties.Policies[2].Statement[0].Action: dynamodb:Scan on DebtsTable is not one"
                                + " the function needs [dynamodb:GetItem, dynamodb:PutItem]",
                        "Resources.CommandWorkerFunction.Properties.Policies[2].Statement[0].Action: dynamodb:DeleteItem on DebtsTable is not"
                                + " one the function needs [dynamodb:GetItem, dynamodb:PutItem]");
    }

    @Test
    void policy_whenGrantMissing_isCaught() {
        SamTemplate broken = remove(fixture, "Resources.AuthFunction.Properties.Policies");
        assertThat(violations(broken))
                .containsExactlyInAnyOrder(
                        "Resources.AuthFunction.Properties.Policies: no write access to UsersTable, which the function writes",
                        "Resources.AuthFunction.Properties.Policies: no write access to LoginAttemptsTable, which the function writes",
                        "Resources.AuthFunction.Properties.Policies: no [dynamodb:GetItem, dynamodb:PutItem] on UsersTable, which AuthFunction calls",
                        "Resources.AuthFunction.Properties.Policies: no [dynamodb:UpdateItem] on LoginAttemptsTable, which AuthFunction calls",
                        "Resources.AuthFunction.Properties.Policies: no AWSSecretsManagerGetSecretValuePolicy for JwtSigningSecret");
    }

    @Test
    void environment_whenVariableMissing_isCaught() {
        SamTemplate broken = remove(
                fixture, "Resources.CommandWorkerFunction.Properties.Environment.Variables.DEAD_LETTER_QUEUE_URL");
        assertThat(violations(broken))
                .contains("Resources.CommandWorkerFunction.Properties.Environment.Variables: "
                        + "missing DEAD_LETTER_QUEUE_URL, which the function's config reads");
    }

    @Test
    void environment_whenPowertoolsVariableMissingFromGlobals_isCaughtForEveryFunction() {
        SamTemplate broken = remove(fixture, "Globals.Function.Environment.Variables.POWERTOOLS_SERVICE_NAME");
        assertThat(violations(broken))
                .hasSize(5)
                .allSatisfy(v ->
                        assertThat(v).endsWith("missing POWERTOOLS_SERVICE_NAME, which the function's config reads"));
    }

    @Test
    void environment_whenTableVariablePointsAtAQueue_isCaught() {
        SamTemplate broken = set(
                fixture,
                "Resources.AuthFunction.Properties.Environment.Variables.USERS_TABLE",
                value("!Ref CommandsQueue"));
        assertThat(violations(broken))
                .contains("Resources.AuthFunction.Properties.Environment.Variables.USERS_TABLE: "
                        + "refers to CommandsQueue, which is not an AWS::DynamoDB::Table");
    }

    @Test
    void queue_whenVisibilityTimeoutShorterThanSixWorkerTimeouts_isCaught() {
        SamTemplate broken = set(fixture, "Resources.CommandsQueue.Properties.VisibilityTimeout", value("179"));
        assertThat(violations(broken))
                .containsExactly("Resources.CommandsQueue.Properties.VisibilityTimeout: is 179 s, "
                        + "less than 6 × the timeout of CommandWorkerFunction (30 s) = 180 s");
    }

    @Test
    void queue_whenWorkerTimeoutRaisedWithoutVisibility_isCaught() {
        SamTemplate broken = set(fixture, "Resources.CommandWorkerFunction.Properties.Timeout", value("31"));
        assertThat(violations(broken))
                .singleElement()
                .asString()
                .contains("less than 6 × the timeout of CommandWorkerFunction (31 s) = 186 s");
    }

    @Test
    void queue_whenRedriveMissingOrCountWrong_isCaught() {
        assertThat(violations(remove(fixture, "Resources.CommandsQueue.Properties.RedrivePolicy")))
                .containsExactly(
                        "Resources.CommandsQueue.Properties.RedrivePolicy: missing: failed messages need a dead-letter queue");
        assertThat(violations(
                        set(fixture, "Resources.CommandsQueue.Properties.RedrivePolicy.maxReceiveCount", value("3"))))
                .containsExactly(
                        "Resources.CommandsQueue.Properties.RedrivePolicy.maxReceiveCount: must be 5, found 3");
    }

    @Test
    void queue_whenContentBasedDeduplicationOn_isCaught() {
        SamTemplate broken =
                set(fixture, "Resources.CommandsQueue.Properties.ContentBasedDeduplication", value("true"));
        assertThat(violations(broken)).singleElement().asString().contains("ContentBasedDeduplication: must be false");
    }

    @Test
    void table_whenUnknownProperty_isCaught() {
        SamTemplate broken = set(fixture, "Resources.DebtsTable.Properties.BillingModes", value("PROVISIONED"));
        assertThat(violations(broken))
                .singleElement()
                .asString()
                .startsWith("Resources.DebtsTable.Properties.BillingModes: unknown property of AWS::DynamoDB::Table");
    }

    @Test
    void table_whenUnknownNestedProperty_isCaught() {
        SamTemplate broken =
                set(fixture, "Resources.DebtsTable.Properties.StreamSpecification.ViewType", value("KEYS_ONLY"));
        assertThat(violations(broken))
                .singleElement()
                .asString()
                .startsWith(
                        "Resources.DebtsTable.Properties.StreamSpecification.ViewType: unknown property of AWS::DynamoDB::Table.StreamSpecification");
    }

    @Test
    void table_whenRequiredPropertyMissing_isCaughtBySpecification() {
        SamTemplate broken = remove(fixture, "Resources.UsersTable.Properties.KeySchema");
        assertThat(ResourceSpecCheck.load().check(broken))
                .extracting(TemplateViolation::toString)
                .containsExactly(
                        "Resources.UsersTable.Properties.KeySchema: required by AWS::DynamoDB::Table but missing");
    }

    @Test
    void alarm_whenRequiredPropertyMissingAndValueMistyped_isCaught() {
        SamTemplate broken = set(
                remove(fixture, "Resources.QueryFunctionErrorsAlarm.Properties.ComparisonOperator"),
                "Resources.QueryFunctionErrorsAlarm.Properties.EvaluationPeriods",
                value("often"));
        assertThat(violations(broken))
                .containsExactlyInAnyOrder(
                        "Resources.QueryFunctionErrorsAlarm.Properties.ComparisonOperator: required by AWS::CloudWatch::Alarm but missing",
                        "Resources.QueryFunctionErrorsAlarm.Properties.EvaluationPeriods: expected a Integer, found a string 'often'");
    }

    @Test
    void getAtt_whenAttributeUnknown_isCaught() {
        SamTemplate broken = set(fixture, "Outputs.CommandsQueueUrl.Value", value("!GetAtt CommandsQueue.Url"));
        assertThat(violations(broken))
                .singleElement()
                .asString()
                .isEqualTo(
                        "Outputs.CommandsQueueUrl.Value: AWS::SQS::Queue has no attribute Url (it has [Arn, QueueName, QueueUrl])");
    }

    @Test
    void resourceType_whenNotInSpecification_isCaught() {
        SamTemplate broken = set(fixture, "Resources.Extra", value("{Type: AWS::EC2::Instance, Properties: {}}"));
        assertThat(violations(broken))
                .singleElement()
                .asString()
                .contains("AWS::EC2::Instance is not in the specification subset");
    }

    private static Path testClasses() {
        try {
            return Path.of(HttpFixtureHandler.class
                    .getProtectionDomain()
                    .getCodeSource()
                    .getLocation()
                    .toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
