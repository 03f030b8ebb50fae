package dev.tally.local.runtime.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tally.contract.ApiContract;
import dev.tally.local.runtime.template.HttpRoute;
import dev.tally.local.runtime.template.SamTemplate;
import dev.tally.local.runtime.template.TemplateReader;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** docs/openapi.yaml documents exactly the routes of template.yaml: none missing, none extra. */
class OpenApiRoutesTest {

    @Test
    void document_hasExactlyTheRoutesOfTheTemplate() {
        SamTemplate template = TemplateReader.read(ApiContract.repositoryRoot().resolve("template.yaml"));
        Set<String> templateRoutes = new TreeSet<>();
        template.httpRoutes().stream().map(HttpRoute::routeKey).forEach(templateRoutes::add);

        Set<String> documented = ApiContract.get().routeKeys();

        assertThat(templateRoutes).isNotEmpty();
        assertThat(documented)
                .as("routes in %s but not in template.yaml", ApiContract.DOCUMENT)
                .isSubsetOf(templateRoutes);
        assertThat(templateRoutes)
                .as("routes in template.yaml but not in %s", ApiContract.DOCUMENT)
                .isSubsetOf(documented);
    }
}
