package dev.tally.local.runtime.template;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tally.local.runtime.template.fixture.AbstractFixtureHandler;
import dev.tally.local.runtime.template.fixture.SqsFixtureHandler;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HandlerCheckTest {

    @TempDir
    Path repository;

    private static SamTemplate workerTemplate(String handler, String codeUri) {
        return TemplateReader.parse("""
                Resources:
                  Queue: {Type: AWS::SQS::Queue}
                  Worker:
                    Type: AWS::Serverless::Function
                    Properties:
                      Handler: %s
                      CodeUri: %s
                      Runtime: java21
                      Events:
                        Messages: {Type: SQS, Properties: {Queue: !GetAtt Queue.Arn}}
                """.formatted(handler, codeUri));
    }

    @Test
    void check_whenHandlerIsInTheCodeUriJar_findsNoViolation() throws IOException {
        Path jar = jarWith(repository.resolve("worker/target/worker-lambda.jar"), SqsFixtureHandler.class);
        HandlerCheck check = new HandlerCheck(new RepositoryLayout(repository)::codeLocation);
        assertThat(jar).exists();
        assertThat(check.check(workerTemplate(SqsFixtureHandler.class.getName(), "worker/target/worker-lambda.jar")))
                .isEmpty();
    }

    @Test
    void check_whenHandlerIsOnlyOnTheTestClassPath_reportsItMissingFromTheCode() throws IOException {
        jarWith(repository.resolve("worker/target/worker-lambda.jar"), AbstractFixtureHandler.class);
        HandlerCheck check = new HandlerCheck(new RepositoryLayout(repository)::codeLocation);
        assertThat(check.check(workerTemplate(SqsFixtureHandler.class.getName(), "worker/target/worker-lambda.jar")))
                .extracting(TemplateViolation::problem)
                .singleElement()
                .asString()
                .startsWith("class " + SqsFixtureHandler.class.getName() + " is not in");
    }

    @Test
    void check_whenModuleNotBuilt_saysSo() {
        HandlerCheck check = new HandlerCheck(new RepositoryLayout(repository)::codeLocation);
        assertThat(check.check(workerTemplate(SqsFixtureHandler.class.getName(), "worker/target/worker-lambda.jar")))
                .extracting(TemplateViolation::problem)
                .singleElement()
                .asString()
                .contains("is not built");
    }

    @Test
    void codeLocation_whenClassesNewerThanJar_usesTheClasses() throws IOException {
        Path jar = jarWith(repository.resolve("worker/target/worker-lambda.jar"), AbstractFixtureHandler.class);
        Files.setLastModifiedTime(jar, FileTime.fromMillis(1_000_000));
        Path classFile = copyClass(repository.resolve("worker/target/classes"), SqsFixtureHandler.class);
        Files.setLastModifiedTime(classFile, FileTime.fromMillis(2_000_000));
        CodeLocation location = new RepositoryLayout(repository).codeLocation("worker/target/worker-lambda.jar");
        assertThat(location.paths()).containsExactly(repository.resolve("worker/target/classes"));
        assertThat(location.containsClass(SqsFixtureHandler.class.getName())).isTrue();
        Files.setLastModifiedTime(jar, FileTime.fromMillis(3_000_000));
        assertThat(new RepositoryLayout(repository)
                        .codeLocation("worker/target/worker-lambda.jar")
                        .paths())
                .containsExactly(jar);
    }

    @Test
    void requestHandlerTypes_resolveThroughAGenericSuperclass() {
        assertThat(HandlerCheck.requestHandlerTypes(
                        dev.tally.local.runtime.template.fixture.StreamFixtureHandler.class, java.util.Map.of()))
                .contains(List.of(
                        "com.amazonaws.services.lambda.runtime.events.DynamodbEvent",
                        "com.amazonaws.services.lambda.runtime.events.StreamsEventResponse"));
        assertThat(HandlerCheck.requestHandlerTypes(String.class, java.util.Map.of()))
                .isEmpty();
    }

    private static Path jarWith(Path jar, Class<?>... classes) throws IOException {
        Files.createDirectories(jar.getParent());
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            for (Class<?> type : classes) {
                String entry = type.getName().replace('.', '/') + ".class";
                out.putNextEntry(new JarEntry(entry));
                out.write(Files.readAllBytes(testClasses().resolve(entry)));
                out.closeEntry();
            }
        }
        return jar;
    }

    private static Path copyClass(Path classes, Class<?> type) throws IOException {
        String entry = type.getName().replace('.', '/') + ".class";
        Path target = classes.resolve(entry);
        Files.createDirectories(target.getParent());
        try (OutputStream out = Files.newOutputStream(target)) {
            out.write(Files.readAllBytes(testClasses().resolve(entry)));
        }
        return target;
    }

    private static Path testClasses() {
        try {
            return Path.of(SqsFixtureHandler.class
                    .getProtectionDomain()
                    .getCodeSource()
                    .getLocation()
                    .toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
