package dev.tally.local.runtime.template;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Loads template fixtures from {@code src/test/resources/template/}. */
final class TemplateFixtures {

    private TemplateFixtures() {}

    static String text(String name) {
        try (InputStream in = TemplateFixtures.class.getResourceAsStream("/template/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource /template/" + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static SamTemplate parse(String name) {
        return TemplateReader.parse(text(name));
    }
}
