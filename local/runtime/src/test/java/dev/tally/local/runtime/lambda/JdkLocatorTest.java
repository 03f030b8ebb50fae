package dev.tally.local.runtime.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JdkLocatorTest {

    @TempDir
    Path jvms;

    @Test
    void featureOf_readsJavaRuntimes() {
        assertThat(JdkLocator.featureOf("java25")).contains(25);
        assertThat(JdkLocator.featureOf("java8.al2")).contains(8);
        assertThat(JdkLocator.featureOf("python3.12")).isEmpty();
    }

    @Test
    void locate_whenAJdkUnderTheSearchRootMatches_returnsIt() throws IOException {
        Path jdk99 = fakeJdk("jdk-99", "99.0.1");
        fakeJdk("jdk-98", "98");
        JdkLocator locator = new JdkLocator(null, List.of(jvms), Map.<String, String>of()::get);

        JdkLocator.Jdk found = locator.locate("QueryFunction", "java99");

        assertThat(found.home()).isEqualTo(jdk99.toAbsolutePath());
        assertThat(found.feature()).isEqualTo(99);
    }

    @Test
    void locate_whenJavaHomeMatches_returnsIt() throws IOException {
        Path elsewhere = Files.createTempDirectory("jdk");
        Path home = fakeJdkAt(elsewhere.resolve("home"), "97.0.2");
        JdkLocator locator = new JdkLocator(null, List.of(jvms), Map.of("JAVA_HOME", home.toString())::get);

        assertThat(locator.locate("F", "java97").home()).isEqualTo(home.toAbsolutePath());
    }

    @Test
    void locate_whenNoJdkMatches_namesTheFunctionTheRuntimeAndTheFixes() throws IOException {
        fakeJdk("jdk-98", "98");
        JdkLocator locator = new JdkLocator(null, List.of(jvms), Map.<String, String>of()::get);

        assertThatThrownBy(() -> locator.locate("QueryFunction", "java96"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("QueryFunction")
                .hasMessageContaining("java96")
                .hasMessageContaining("--jdk")
                .hasMessageContaining("JAVA_HOME");
    }

    @Test
    void locate_withAnOverride_usesItWhateverTheRuntime() throws IOException {
        Path override = fakeJdk("custom", "98");
        JdkLocator locator = new JdkLocator(override, List.of(), Map.<String, String>of()::get);

        assertThat(locator.locate("F", "java25")).isEqualTo(new JdkLocator.Jdk(override.toAbsolutePath(), 98));
    }

    @Test
    void locate_withAnOverrideThatIsNotAJdk_refusesIt() {
        JdkLocator locator = new JdkLocator(jvms.resolve("nothing"), List.of(), Map.<String, String>of()::get);

        assertThatThrownBy(() -> locator.locate("F", "java25")).hasMessageContaining("is not a JDK");
    }

    @Test
    void locate_thisJvmsRuntime_findsThisJvm() {
        JdkLocator locator = new JdkLocator(null, List.of(), Map.<String, String>of()::get);

        assertThat(locator.locate("F", "java" + Runtime.version().feature()).feature())
                .isEqualTo(Runtime.version().feature());
    }

    private Path fakeJdk(String name, String version) throws IOException {
        return fakeJdkAt(jvms.resolve(name), version);
    }

    private static Path fakeJdkAt(Path home, String version) throws IOException {
        Files.createDirectories(home.resolve("bin"));
        Path java = Files.writeString(home.resolve("bin").resolve("java"), "#!/bin/sh\n");
        java.toFile().setExecutable(true);
        Files.writeString(home.resolve("release"), "IMPLEMENTOR=\"Test\"\nJAVA_VERSION=\"" + version + "\"\n");
        return home;
    }
}
