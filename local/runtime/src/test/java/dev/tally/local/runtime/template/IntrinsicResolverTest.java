package dev.tally.local.runtime.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IntrinsicResolverTest {

    private final SamTemplate template = TemplateFixtures.parse("parser-sample.yaml");

    private final ResolutionContext context = new ResolutionContext(
            Map.of(),
            Map.of("AWS::StackName", "tally-local", "AWS::Region", "eu-west-1", "AWS::URLSuffix", "amazonaws.com"),
            Map.of("Api", "api123", "Table", "tally-local-debts", "Queue", "http://localhost:9324/1/commands.fifo"),
            Map.of(
                    "Table",
                    Map.of("StreamArn", "arn:aws:dynamodb:eu-west-1:1:table/debts/stream/x"),
                    "Queue",
                    Map.of("Arn", "arn:aws:sqs:eu-west-1:1:commands.fifo"),
                    "Secret",
                    Map.of("Id", "arn:secret")));

    private final IntrinsicResolver resolver = new IntrinsicResolver(template, context);

    private String output(String name) {
        return resolver.resolveString(
                template.section("Outputs")
                        .get(name)
                        .map(v -> ((TemplateMap) v).get("Value").orElseThrow())
                        .orElseThrow(),
                "Outputs." + name);
    }

    @Test
    void resolve_whenRefToResourceOrAttribute_usesContextValues() {
        FunctionDefinition http = template.function("HttpFunction").orElseThrow();
        TemplateValue env = resolver.resolve(new TemplateMap(http.environment()), "env");
        assertThat(env).isEqualTo(TemplateReader.parseTree("""
                POWERTOOLS_SERVICE_NAME: tally
                SHARED: overridden
                TABLE: tally-local-debts
                QUEUE_URL: http://localhost:9324/1/commands.fifo
                SECRET: arn:secret
                """));
    }

    @Test
    void resolve_whenSubWithPseudoParametersAndResourceRef_substitutes() {
        assertThat(output("Url")).isEqualTo("https://api123.execute-api.eu-west-1.amazonaws.com/");
        assertThat(resolver.resolveString(template.tables().get(0).tableName().orElseThrow(), "t"))
                .isEqualTo("tally-local-debts");
    }

    @Test
    void resolve_whenSubListFormWithEscapeVariableAndAttribute_substitutesEach() {
        assertThat(output("Literal"))
                .isEqualTo("${NotAVariable}-not-prod-arn:aws:dynamodb:eu-west-1:1:table/debts/stream/x");
    }

    @Test
    void resolve_whenJoinSplitSelectFindInMapBase64_computesValues() {
        assertThat(output("Parts")).isEqualTo("x,y");
        assertThat(output("FirstZone")).isEqualTo("b");
        assertThat(output("Memory")).isEqualTo("512");
        assertThat(output("Encoded")).isEqualTo("aGVsbG8=");
        assertThat(resolver.resolveString(template.queues().get(1).queueName().orElseThrow(), "q"))
                .isEqualTo("tally-local-commands.fifo");
    }

    @Test
    void resolve_whenParameterOverridden_usesOverrideAndConditionsFollow() {
        IntrinsicResolver prod = new IntrinsicResolver(
                template,
                new ResolutionContext(
                        Map.of("Stage", "prod"),
                        context.pseudoParameters(),
                        context.resourceRefs(),
                        context.resourceAttributes()));
        assertThat(prod.condition("IsProd")).isTrue();
        assertThat(prod.condition("IsNotProd")).isFalse();
        assertThat(resolver.condition("IsProd")).isFalse();
        TemplateValue memory = ((TemplateMap)
                        template.section("Resources").get("WorkerFunction").orElseThrow())
                .get("Properties")
                .map(p -> ((TemplateMap) p).get("MemorySize").orElseThrow())
                .orElseThrow();
        assertThat(prod.resolve(memory, "m")).isEqualTo(new TemplateScalar(1024L));
        assertThat(resolver.resolve(memory, "m")).isEqualTo(new TemplateScalar(512L));
    }

    @Test
    void resolve_whenIfChoosesNoValue_removesTheKey() {
        TemplateMap outputs = (TemplateMap) resolver.resolve(template.section("Outputs"), "Outputs");
        assertThat(((TemplateMap) outputs.get("Dropped").orElseThrow()).has("Value"))
                .isFalse();
    }

    @Test
    void resolve_whenRefToUnknownName_failsNamingIt() {
        assertThatThrownBy(() -> resolver.resolve(Intrinsic.ref("Nope"), "X"))
                .isInstanceOf(UnresolvedReferenceException.class)
                .hasMessage("X.Ref: 'Nope' is neither a parameter nor a resource");
    }

    @Test
    void resolve_whenAttributeMissingFromContext_failsNamingResourceAndAttribute() {
        assertThatThrownBy(() -> resolver.resolve(Intrinsic.getAtt("Queue", "QueueName"), "X"))
                .isInstanceOf(UnresolvedReferenceException.class)
                .hasMessageContaining("'Queue' has no value for attribute 'QueueName'");
    }

    @Test
    void resolve_whenResourceNotYetCreated_failsNamingIt() {
        assertThatThrownBy(() -> resolver.resolve(Intrinsic.ref("Dlq"), "X"))
                .isInstanceOf(UnresolvedReferenceException.class)
                .hasMessageContaining("'Dlq' has no Ref value");
    }

    @Test
    void resolve_whenImportValue_failsAsUnsupported() {
        assertThatThrownBy(() ->
                        resolver.resolve(new Intrinsic(IntrinsicFunction.IMPORT_VALUE, TemplateScalar.of("x")), "X"))
                .isInstanceOf(UnsupportedConstructException.class)
                .hasMessageContaining("Fn::ImportValue cannot be evaluated");
    }

    @Test
    void resolve_whenWrongArgumentCount_failsNamingThePath() {
        assertThatThrownBy(() -> resolver.resolve(
                        new Intrinsic(IntrinsicFunction.JOIN, new TemplateList(List.of(TemplateScalar.of(",")))), "X"))
                .isInstanceOf(TemplateSyntaxException.class)
                .hasMessage("X.Fn::Join: expected a list of 2 arguments, found a list of 1");
    }

    @Test
    void referencedIds_collectsRefsGetAttsAndSubVariables() {
        TemplateValue value = TemplateReader.parseTree(
                        "v: [!Ref A, !GetAtt B.Arn, !Sub '${C}-${D.Arn}-${AWS::Region}-${!E}', !Sub ['${F}', {F: x}]]")
                .get("v")
                .orElseThrow();
        assertThat(TemplateReferences.names(value)).containsExactlyInAnyOrder("A", "B", "C", "D");
    }

    @Test
    void condition_whenItRefersToItself_failsNamingIt() {
        SamTemplate cyclic =
                TemplateReader.parse("Conditions:\n  A: !Not [!Condition B]\n  B: !Condition A\nResources: {}\n");
        assertThatThrownBy(() -> new IntrinsicResolver(cyclic, ResolutionContext.empty()).condition("A"))
                .isInstanceOf(TemplateSyntaxException.class)
                .hasMessageContaining("refers to itself");
    }

    @Test
    void resolve_whenParameterHasNoDefaultAndNoValue_failsNamingIt() {
        SamTemplate required = TemplateReader.parse("Parameters:\n  Email: {Type: String}\nResources: {}\n");
        IntrinsicResolver noValues = new IntrinsicResolver(required, ResolutionContext.empty());
        assertThatThrownBy(() -> noValues.resolve(Intrinsic.ref("Email"), "X"))
                .isInstanceOf(UnresolvedReferenceException.class)
                .hasMessage("X.Ref: parameter 'Email' has no value and no Default");
        IntrinsicResolver given = new IntrinsicResolver(
                required, new ResolutionContext(Map.of("Email", "ops@example.com"), Map.of(), Map.of(), Map.of()));
        assertThat(given.resolveString(Intrinsic.ref("Email"), "X")).isEqualTo("ops@example.com");
    }

    @Test
    void resolve_whenSelectIndexOutOfRange_failsNamingThePath() {
        TemplateValue select = TemplateEdits.value("!Select [5, [a, b]]");
        assertThatThrownBy(() -> resolver.resolve(select, "X"))
                .isInstanceOf(TemplateSyntaxException.class)
                .hasMessage("X.Fn::Select: index 5 is outside a list of 2");
    }
}
