package dev.tally.local.runtime.template;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class GlobalsMergerTest {

    private static TemplateMap yaml(String text) {
        return TemplateReader.parseTree(text);
    }

    @Test
    void merge_whenBothHaveScalar_resourceWins() {
        assertThat(GlobalsMerger.merge(yaml("Timeout: 10"), yaml("Timeout: 5"))).isEqualTo(yaml("Timeout: 5"));
    }

    @Test
    void merge_whenOnlyGlobalsHaveKey_inheritsIt() {
        assertThat(GlobalsMerger.merge(yaml("Runtime: java21"), yaml("Handler: x")))
                .isEqualTo(yaml("Runtime: java21\nHandler: x"));
    }

    @Test
    void merge_whenBothHaveMaps_mergesRecursivelyWithResourceWinning() {
        TemplateMap merged = GlobalsMerger.merge(
                yaml("Environment: {Variables: {A: g, B: g}}"), yaml("Environment: {Variables: {B: r, C: r}}"));
        assertThat(merged).isEqualTo(yaml("Environment: {Variables: {A: g, B: r, C: r}}"));
    }

    @Test
    void merge_whenBothHaveLists_concatenatesGlobalsFirst() {
        assertThat(GlobalsMerger.merge(yaml("Layers: [a]"), yaml("Layers: [b]")))
                .isEqualTo(yaml("Layers: [a, b]"));
    }

    @Test
    void merge_whenResourceHasIntrinsic_resourceWins() {
        assertThat(GlobalsMerger.merge(yaml("Environment: {Variables: {A: g}}"), yaml("Environment: !Ref X")))
                .isEqualTo(yaml("Environment: !Ref X"));
    }
}
