package dev.tally.local.runtime.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SamTemplateTest {

    private final SamTemplate template = TemplateFixtures.parse("parser-sample.yaml");

    @Test
    void functions_mergeGlobalsIntoEachFunction() {
        FunctionDefinition http = template.function("HttpFunction").orElseThrow();
        assertThat(http.runtime()).isEqualTo("java21");
        assertThat(http.memorySizeMb()).isEqualTo(512);
        assertThat(http.timeoutSeconds()).isEqualTo(5);
        assertThat(http.environment())
                .containsEntry("POWERTOOLS_SERVICE_NAME", TemplateScalar.of("tally"))
                .containsEntry("SHARED", TemplateScalar.of("overridden"))
                .containsEntry("TABLE", Intrinsic.ref("Table"))
                .containsEntry("QUEUE_URL", Intrinsic.ref("Queue"))
                .containsEntry("SECRET", Intrinsic.getAtt("Secret", "Id"));
        assertThat(http.properties().get("Layers"))
                .contains(TemplateReader.parseTree("x: [layer-a, layer-b]")
                        .get("x")
                        .orElseThrow());
    }

    @Test
    void functions_readHandlerClassWithoutMethodSuffix() {
        FunctionDefinition http = template.function("HttpFunction").orElseThrow();
        assertThat(http.handler()).isEqualTo("dev.example.HttpHandler::handleRequest");
        assertThat(http.handlerClass()).isEqualTo("dev.example.HttpHandler");
        assertThat(http.codeUri()).isEqualTo("api/target/api-lambda.jar");
    }

    @Test
    void functions_whenMemoryIsAnIntrinsic_failNamingThePath() {
        assertThatThrownBy(() -> template.function("WorkerFunction"))
                .isInstanceOf(UnsupportedConstructException.class)
                .hasMessageStartingWith(
                        "Resources.WorkerFunction.Properties.MemorySize: expected an integer written literally, found Fn::If");
    }

    @Test
    void httpRoutes_listEveryRouteWithUpperCaseMethod() {
        SamTemplate withoutWorker = withoutResource("WorkerFunction");
        assertThat(withoutWorker.httpRoutes())
                .containsExactly(
                        new HttpRoute("POST", "/debts", "HttpFunction", "Create"),
                        new HttpRoute("GET", "/debts/{debtId}", "HttpFunction", "Read"));
    }

    @Test
    void sqsEvent_readsItsSettings() {
        SamTemplate fixed = TemplateReader.parse(TemplateFixtures.text("parser-sample.yaml")
                .replace("MemorySize: !If [IsProd, 1024, 512]", "MemorySize: 1024"));
        SqsEvent event = fixed.function("WorkerFunction")
                .orElseThrow()
                .eventsOf(SqsEvent.class)
                .get(0);
        assertThat(event.queue()).isEqualTo(Intrinsic.getAtt("Queue", "Arn"));
        assertThat(event.batchSize()).isEqualTo(10);
        assertThat(event.reportsBatchItemFailures()).isTrue();
        assertThat(event.enabled()).isTrue();
    }

    @Test
    void dynamoDbEvent_readsItsSettingsAndDestination() {
        DynamoDbEvent event = template.function("StreamFunction")
                .orElseThrow()
                .eventsOf(DynamoDbEvent.class)
                .get(0);
        assertThat(event.stream()).isEqualTo(Intrinsic.getAtt("Table", "StreamArn"));
        assertThat(event.startingPosition()).isEqualTo("TRIM_HORIZON");
        assertThat(event.batchSize()).isEqualTo(50);
        assertThat(event.bisectBatchOnFunctionError()).isTrue();
        assertThat(event.maximumRetryAttempts()).isEqualTo(4);
        assertThat(event.maximumRecordAgeInSeconds()).isEqualTo(3600);
        assertThat(event.parallelizationFactor()).isEqualTo(1);
        assertThat(event.reportsBatchItemFailures()).isTrue();
        assertThat(event.onFailure())
                .contains(new FailureDestination(Intrinsic.getAtt("Failures", "Arn"), Optional.empty()));
    }

    @Test
    void events_whenUnknownType_failNamingIt() {
        SamTemplate broken = TemplateReader.parse(
                TemplateFixtures.text("parser-sample.yaml").replace("Type: SQS", "Type: Schedule"));
        assertThatThrownBy(() -> broken.function("WorkerFunction"))
                .isInstanceOf(UnsupportedConstructException.class)
                .hasMessageContaining("Resources.WorkerFunction.Properties.Events.Commands.Type")
                .hasMessageContaining("'Schedule' is not supported");
    }

    @Test
    void events_whenUnknownProperty_failNamingIt() {
        SamTemplate broken = TemplateReader.parse(TemplateFixtures.text("parser-sample.yaml")
                .replace("BisectBatchOnFunctionError: true", "BisectBatchOnError: true"));
        assertThatThrownBy(() -> broken.function("StreamFunction"))
                .isInstanceOf(UnsupportedConstructException.class)
                .hasMessageStartingWith(
                        "Resources.StreamFunction.Properties.Events.Debts.Properties.BisectBatchOnError:");
    }

    @Test
    void functions_whenUnknownFunctionProperty_failNamingIt() {
        SamTemplate broken = TemplateReader.parse(TemplateFixtures.text("parser-sample.yaml")
                .replace(
                        "      Handler: dev.example.Projection",
                        "      Handler: dev.example.Projection\n      Memory: 1"));
        assertThatThrownBy(() -> broken.function("StreamFunction"))
                .isInstanceOf(UnsupportedConstructException.class)
                .hasMessageContaining("'Memory' is not a property of AWS::Serverless::Function");
    }

    @Test
    void tables_readKeysStreamAndTtl() {
        TableDefinition table = template.tables().get(0);
        assertThat(table.logicalId()).isEqualTo("Table");
        assertThat(table.partitionKey()).isEqualTo(new KeyAttribute("userId", "S"));
        assertThat(table.sortKey()).contains(new KeyAttribute("debtId", "S"));
        assertThat(table.streamViewType()).contains("NEW_AND_OLD_IMAGES");
        assertThat(table.timeToLiveAttribute()).contains("expiresAt");
        assertThat(table.globalSecondaryIndexes()).isEmpty();
    }

    @Test
    void queues_readFifoVisibilityAndRedrive() {
        QueueDefinition queue = template.queues().stream()
                .filter(q -> q.logicalId().equals("Queue"))
                .findFirst()
                .orElseThrow();
        assertThat(queue.fifo()).isTrue();
        assertThat(queue.contentBasedDeduplication()).isFalse();
        assertThat(queue.visibilityTimeoutSeconds()).isEqualTo(180);
        assertThat(queue.messageRetentionPeriodSeconds()).isEqualTo(345_600);
        assertThat(queue.redrivePolicy()).contains(new RedrivePolicy(Intrinsic.getAtt("Dlq", "Arn"), 5));
    }

    @Test
    void queues_readRedrivePolicyWrittenAsJsonText() {
        QueueDefinition failures = template.queues().stream()
                .filter(q -> q.logicalId().equals("Failures"))
                .findFirst()
                .orElseThrow();
        assertThat(failures.fifo()).isFalse();
        assertThat(failures.visibilityTimeoutSeconds()).isEqualTo(30);
        assertThat(failures.redrivePolicy().orElseThrow().maxReceiveCount()).isEqualTo(3);
    }

    @Test
    void secrets_readGenerationRecipe() {
        SecretDefinition secret = template.secrets().get(0);
        assertThat(secret.passwordLength()).isEqualTo(48);
        assertThat(secret.excludePunctuation()).isTrue();
        assertThat(secret.secretString()).isEmpty();
    }

    @Test
    void parameters_readDefaultsAndAllowedValues() {
        ParameterDefinition stage = template.parameters().get("Stage");
        assertThat(stage.defaultValue()).contains("dev");
        assertThat(stage.allowedValues()).containsExactly("dev", "prod");
        assertThat(template.parameters()).containsOnlyKeys("Stage", "Zones");
        assertThat(template.transforms()).containsExactly("AWS::Serverless-2016-10-31");
    }

    @Test
    void resourcesOfType_keepDocumentOrder() {
        assertThat(template.resourcesOfType("AWS::SQS::Queue"))
                .extracting(Resource::logicalId)
                .containsExactly("Dlq", "Queue", "Failures");
        assertThat(template.resources().keySet()).startsWith("Api", "Table");
        assertThat(List.copyOf(template.resources().keySet())).hasSize(9);
    }

    private SamTemplate withoutResource(String logicalId) {
        TemplateMap resources = template.section("Resources").without(logicalId);
        return new SamTemplate(template.document().with("Resources", resources));
    }
}
