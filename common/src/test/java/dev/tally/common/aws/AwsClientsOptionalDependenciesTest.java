package dev.tally.common.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.Arrays;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * The service SDKs are optional dependencies of common: a function that declares only SQS must be
 * able to build its SQS client through {@link AwsClients} without DynamoDB or Secrets Manager on
 * its classpath. Checked by loading AwsClients in a class loader without those jars.
 */
class AwsClientsOptionalDependenciesTest {

    @Test
    void sqs_buildsWithoutTheDynamoDbAndSecretsManagerSdks() throws Exception {
        try (URLClassLoader sqsOnly =
                classLoaderWithout("/software/amazon/awssdk/dynamodb/", "/software/amazon/awssdk/secretsmanager/")) {
            assertThatThrownBy(() ->
                            Class.forName("software.amazon.awssdk.services.dynamodb.DynamoDbClient", false, sqsOnly))
                    .isInstanceOf(ClassNotFoundException.class);

            assertThat(run(SqsClientName.class, sqsOnly))
                    .isEqualTo("software.amazon.awssdk.services.sqs.DefaultSqsClient");
            assertThatThrownBy(() -> run(DynamoDbClientName.class, sqsOnly)).isInstanceOf(NoClassDefFoundError.class);
        }
    }

    /** Builds an SQS client the way an SQS-only function would (loaded in the restricted class loader). */
    public static final class SqsClientName implements Supplier<String> {
        @Override
        public String get() {
            try (var sqs = clients().sqs()) {
                return sqs.getClass().getName();
            }
        }
    }

    /** Asks for a DynamoDB client, which the restricted class loader cannot provide. */
    public static final class DynamoDbClientName implements Supplier<String> {
        @Override
        public String get() {
            try (var dynamoDb = clients().dynamoDb()) {
                return dynamoDb.getClass().getName();
            }
        }
    }

    static AwsClients clients() {
        return AwsClients.builder()
                .environment(Map.of("AWS_REGION", "us-east-1")::get)
                .build();
    }

    @SuppressWarnings("unchecked")
    private static String run(Class<? extends Supplier<String>> task, ClassLoader loader)
            throws ReflectiveOperationException {
        Object instance = Class.forName(task.getName(), true, loader)
                .getDeclaredConstructor()
                .newInstance();
        return ((Supplier<String>) instance).get();
    }

    private static URLClassLoader classLoaderWithout(String... excludedPathParts) {
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        URL[] urls = Arrays.stream(classPath.split(File.pathSeparator))
                .filter(entry -> Arrays.stream(excludedPathParts)
                        .noneMatch(part -> entry.replace('\\', '/').contains(part)))
                .map(AwsClientsOptionalDependenciesTest::toUrl)
                .toArray(URL[]::new);
        return new URLClassLoader(urls, ClassLoader.getPlatformClassLoader());
    }

    private static URL toUrl(String entry) {
        try {
            return new File(entry).toURI().toURL();
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException(entry, e);
        }
    }
}
