package dev.tally.bench.coldstart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tally.local.runtime.template.FunctionDefinition;
import dev.tally.local.runtime.template.SamTemplate;
import dev.tally.local.runtime.template.TemplateReader;
import dev.tally.local.runtime.template.TemplateScalar;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchTemplateTest {

    private static final Path TEMPLATE = Path.of("..", "template.yaml");

    @Test
    void aVariantIsItsBaseWithOtherJvmOptionsAndNoEvents(@TempDir Path directory) throws IOException {
        Path target = directory.resolve("template.yaml");
        BenchTemplate.write(
                TEMPLATE,
                "bench/target/reference.jar",
                Map.of("AuthC1", new BenchTemplate.Variant("AuthFunction", "-XX:TieredStopAtLevel=1")),
                target);

        SamTemplate template = TemplateReader.read(target);
        FunctionDefinition base = function(template, "AuthFunction");
        FunctionDefinition variant = function(template, "AuthC1");
        assertThat(variant.handler()).isEqualTo(base.handler());
        assertThat(variant.codeUri()).isEqualTo(base.codeUri());
        assertThat(variant.events()).isEmpty();
        assertThat(base.events()).isNotEmpty();
        assertThat(variant.environment().get("JAVA_TOOL_OPTIONS"))
                .isEqualTo(TemplateScalar.of("-XX:TieredStopAtLevel=1"));
        assertThat(variant.environment().get("USERS_TABLE"))
                .isEqualTo(base.environment().get("USERS_TABLE"));
        assertThat(base.environment().get("JAVA_TOOL_OPTIONS"))
                .isNotEqualTo(TemplateScalar.of("-XX:TieredStopAtLevel=1"));
        // the references and every template function are still there
        assertThat(template.functions())
                .extracting(FunctionDefinition::logicalId)
                .contains(
                        ColdStartBenchmark.FLOOR,
                        ColdStartBenchmark.NAIVE,
                        "QueryFunction",
                        "SummaryProjectionFunction");
    }

    @Test
    void aVariantOfAFunctionWithTheGlobalsOptionsSetsItsOwn(@TempDir Path directory) throws IOException {
        Path target = directory.resolve("template.yaml");
        BenchTemplate.write(
                TEMPLATE,
                "bench/target/reference.jar",
                Map.of("QueryCts", new BenchTemplate.Variant("QueryFunction", "-XX:CompileThresholdScaling=0.5")),
                target);

        SamTemplate template = TemplateReader.read(target);
        FunctionDefinition base = function(template, "QueryFunction");
        FunctionDefinition variant = function(template, "QueryCts");
        assertThat(variant.environment().get("JAVA_TOOL_OPTIONS"))
                .isEqualTo(TemplateScalar.of("-XX:CompileThresholdScaling=0.5"));
        assertThat(base.environment().get("JAVA_TOOL_OPTIONS"))
                .isEqualTo(TemplateScalar.of("-XX:+TieredCompilation -XX:TieredStopAtLevel=1"));
        assertThat(variant.environment().get("SUMMARIES_TABLE"))
                .isEqualTo(base.environment().get("SUMMARIES_TABLE"));
        assertThat(variant.events()).isEmpty();
    }

    @Test
    void aVariantOfAnUnknownFunctionIsRefused(@TempDir Path directory) {
        assertThatThrownBy(() -> BenchTemplate.write(
                        TEMPLATE,
                        "bench/target/reference.jar",
                        Map.of("X", new BenchTemplate.Variant("NoSuchFunction", "-Xint")),
                        directory.resolve("template.yaml")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("NoSuchFunction");
    }

    @Test
    void theVariantOptionIsParsed() {
        ColdStartBenchmark.Options options = ColdStartBenchmark.parse(
                new String[] {"--variant", "AuthT=AuthFunction:-XX:TieredStopAtLevel=4 -Xss1m"});
        assertThat(options.variants())
                .containsEntry("AuthT", new BenchTemplate.Variant("AuthFunction", "-XX:TieredStopAtLevel=4 -Xss1m"));
        assertThat(options.base("AuthT")).isEqualTo("AuthFunction");
        assertThat(options.base("QueryFunction")).isEqualTo("QueryFunction");
    }

    private static FunctionDefinition function(SamTemplate template, String name) {
        return template.functions().stream()
                .filter(f -> f.logicalId().equals(name))
                .findFirst()
                .orElseThrow();
    }
}
