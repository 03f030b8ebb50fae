package dev.tally.local.runtime.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class TemplateReaderTest {

    private static TemplateValue valueOf(String yaml) {
        return TemplateReader.parseTree("Value: " + yaml).get("Value").orElseThrow();
    }

    @Test
    void parseTree_whenShortFormRef_givesRefIntrinsic() {
        assertThat(valueOf("!Ref Table")).isEqualTo(Intrinsic.ref("Table"));
    }

    @Test
    void parseTree_whenLongFormRef_givesTheSameNodeAsShortForm() {
        assertThat(valueOf("{Ref: Table}")).isEqualTo(valueOf("!Ref Table"));
    }

    @Test
    void parseTree_whenGetAttDottedOrList_normalisesToList() {
        assertThat(valueOf("!GetAtt Queue.Arn")).isEqualTo(Intrinsic.getAtt("Queue", "Arn"));
        assertThat(valueOf("!GetAtt [Queue, Arn]")).isEqualTo(Intrinsic.getAtt("Queue", "Arn"));
        assertThat(valueOf("{\"Fn::GetAtt\": [Queue, Arn]}")).isEqualTo(Intrinsic.getAtt("Queue", "Arn"));
    }

    @Test
    void parseTree_whenGetAttAttributeHasDots_splitsAtTheFirstDot() {
        assertThat(valueOf("!GetAtt Db.Endpoint.Address")).isEqualTo(Intrinsic.getAtt("Db", "Endpoint.Address"));
    }

    @Test
    void parseTree_whenSubInBothForms_keepsArgumentShape() {
        assertThat(valueOf("!Sub '${A}-x'"))
                .isEqualTo(new Intrinsic(IntrinsicFunction.SUB, TemplateScalar.of("${A}-x")));
        Intrinsic listForm = (Intrinsic) valueOf("!Sub ['${A}', {A: !Ref B}]");
        assertThat(listForm.function()).isEqualTo(IntrinsicFunction.SUB);
        TemplateList arguments = (TemplateList) listForm.argument();
        assertThat(arguments.get(1)).isEqualTo(new TemplateMap(java.util.Map.of("A", Intrinsic.ref("B"))));
    }

    @Test
    void parseTree_whenEveryShortFormTag_givesItsFunction() {
        for (IntrinsicFunction function : IntrinsicFunction.values()) {
            TemplateValue value = valueOf(function.tag() + " [x, y]");
            assertThat(value).as(function.tag()).isInstanceOf(Intrinsic.class);
            assertThat(((Intrinsic) value).function()).isEqualTo(function);
        }
    }

    @Test
    void parseTree_whenNestedIntrinsics_keepsEveryLevel() {
        Intrinsic join =
                (Intrinsic) valueOf("!Join ['', [!Ref 'AWS::StackName', !Select [0, !Split [',', !ImportValue x]]]]");
        TemplateList parts = (TemplateList) ((TemplateList) join.argument()).get(1);
        Intrinsic select = (Intrinsic) parts.get(1);
        Intrinsic split = (Intrinsic) ((TemplateList) select.argument()).get(1);
        assertThat(((TemplateList) split.argument()).get(1))
                .isEqualTo(new Intrinsic(IntrinsicFunction.IMPORT_VALUE, TemplateScalar.of("x")));
    }

    @Test
    void parseTree_whenScalarsTyped_keepsYamlTypes() {
        TemplateMap map = TemplateReader.parseTree("a: 5\nb: true\nc: '5'\nd: 1.5\ne: 2010-09-09\nf:\n");
        assertThat(map.get("a")).contains(new TemplateScalar(5L));
        assertThat(map.get("b")).contains(new TemplateScalar(true));
        assertThat(map.get("c")).contains(TemplateScalar.of("5"));
        assertThat(map.get("d")).contains(new TemplateScalar(1.5));
        assertThat(map.get("e")).contains(TemplateScalar.of("2010-09-09"));
        assertThat(map.get("f")).contains(TemplateNull.INSTANCE);
    }

    @Test
    void parseTree_whenUnknownTag_failsNamingTheTag() {
        assertThatThrownBy(() -> valueOf("!Reff Table"))
                .isInstanceOf(UnsupportedConstructException.class)
                .hasMessageContaining("!Reff")
                .hasMessageContaining("line 1");
    }

    @Test
    void parseTree_whenUnknownLongFormFunction_failsNamingIt() {
        assertThatThrownBy(() -> TemplateReader.parseTree("Resources:\n  X:\n    Value: {\"Fn::Foo\": 1}\n"))
                .isInstanceOf(UnsupportedConstructException.class)
                .hasMessageContaining("Resources.X.Value.Fn::Foo")
                .hasMessageContaining("unknown intrinsic function Fn::Foo");
    }

    @Test
    void parseTree_whenDuplicateKey_failsAsSyntaxError() {
        assertThatThrownBy(() -> TemplateReader.parseTree("a: 1\na: 2\n"))
                .isInstanceOf(TemplateSyntaxException.class)
                .hasMessageContaining("duplicate key a");
    }

    @Test
    void parseTree_whenNotAMap_fails() {
        assertThatThrownBy(() -> TemplateReader.parseTree("- a\n- b\n"))
                .isInstanceOf(TemplateSyntaxException.class)
                .hasMessageContaining("map at the top level");
    }

    @Test
    void parseTree_whenJson_readsIt() {
        TemplateMap map = TemplateReader.parseTree(
                "{\"Resources\": {\"Q\": {\"Type\": \"AWS::SQS::Queue\"}}, \"x\": [1, {\"Ref\": \"Q\"}]}");
        assertThat(map.get("x")).contains(new TemplateList(List.of(new TemplateScalar(1L), Intrinsic.ref("Q"))));
    }

    @Test
    void parse_whenUnknownSection_fails() {
        assertThatThrownBy(() -> TemplateReader.parse("Resources: {}\nResource: {}\n"))
                .isInstanceOf(TemplateSyntaxException.class)
                .hasMessageStartingWith("Resource: not a template section");
    }

    @Test
    void parse_whenResourceHasUnknownAttribute_fails() {
        assertThatThrownBy(
                        () -> TemplateReader.parse("Resources:\n  Q:\n    Type: AWS::SQS::Queue\n    Propertis: {}\n"))
                .isInstanceOf(TemplateSyntaxException.class)
                .hasMessageStartingWith("Resources.Q.Propertis");
    }

    @Test
    void parse_whenResourceLacksType_fails() {
        assertThatThrownBy(() -> TemplateReader.parse("Resources:\n  Q:\n    Properties: {}\n"))
                .isInstanceOf(TemplateSyntaxException.class)
                .hasMessage("Resources.Q.Type: required property is missing");
    }
}
