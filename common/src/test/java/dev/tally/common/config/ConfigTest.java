package dev.tally.common.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigTest {

    private static final Map<String, String> JWT = Map.of(
            "LOGIN_ATTEMPTS_TABLE", "tally-login-attempts",
            "JWT_SECRET_ARN", "arn:aws:secretsmanager:eu-west-1:123456789012:secret:tally-jwt",
            "JWT_ISSUER", "https://tally.dev",
            "JWT_AUDIENCE", "tally-api");

    @Test
    void authConfig_whenComplete_readsEveryValueWithDefaultTtl() {
        AuthConfig config = AuthConfig.from(with(JWT, "USERS_TABLE", "tally-users"));

        assertThat(config.usersTable()).isEqualTo("tally-users");
        assertThat(config.loginAttemptsTable()).isEqualTo("tally-login-attempts");
        assertThat(config.jwt().issuer()).isEqualTo("https://tally.dev");
        assertThat(config.jwt().audience()).isEqualTo("tally-api");
        assertThat(config.jwt().secretArn()).endsWith("secret:tally-jwt");
        assertThat(config.jwt().externalJwksUrl()).isEmpty();
        assertThat(config.tokenTimeToLive()).isEqualTo(Duration.ofSeconds(3600));
    }

    @Test
    void authConfig_whenTtlAndJwksGiven_readsThem() {
        Map<String, String> env = with(JWT, "USERS_TABLE", "tally-users");
        env.put("JWT_TTL_SECONDS", "900");
        env.put("JWT_JWKS_URL", "https://idp.example/.well-known/jwks.json");

        AuthConfig config = AuthConfig.from(env);

        assertThat(config.tokenTimeToLive()).isEqualTo(Duration.ofMinutes(15));
        assertThat(config.jwt().externalJwksUrl()).contains(URI.create("https://idp.example/.well-known/jwks.json"));
    }

    @Test
    void authConfig_whenEverythingMissing_namesEveryRequiredVariable() {
        ConfigurationException failure =
                catchThrowableOfType(ConfigurationException.class, () -> AuthConfig.from(Map.of()));

        assertThat(failure.problems())
                .containsExactly(
                        "USERS_TABLE is missing",
                        "LOGIN_ATTEMPTS_TABLE is missing",
                        "JWT_SECRET_ARN is missing",
                        "JWT_ISSUER is missing",
                        "JWT_AUDIENCE is missing");
        assertThat(failure.getMessage())
                .startsWith("AuthConfig cannot start: ")
                .contains("USERS_TABLE", "JWT_SECRET_ARN", "JWT_ISSUER", "JWT_AUDIENCE");
    }

    @Test
    void authConfig_whenValuesInvalid_namesEachOne() {
        Map<String, String> env = with(JWT, "USERS_TABLE", "no spaces allowed");
        env.put("JWT_TTL_SECONDS", "-5");
        env.put("JWT_JWKS_URL", "ftp://idp.example/jwks");

        ConfigurationException failure = catchThrowableOfType(ConfigurationException.class, () -> AuthConfig.from(env));

        assertThat(failure.problems()).hasSize(3);
        assertThat(failure.problems().get(0)).startsWith("USERS_TABLE is not a valid DynamoDB table name");
        assertThat(failure.problems())
                .anySatisfy(p -> assertThat(p).startsWith("JWT_JWKS_URL must be an absolute http(s) URL"));
        assertThat(failure.problems())
                .anySatisfy(p -> assertThat(p).isEqualTo("JWT_TTL_SECONDS must be a positive whole number, was '-5'"));
    }

    @Test
    void authConfig_whenTheJwksUrlIsPlainHttpToANetworkHost_saysHttpsIsRequired() {
        Map<String, String> env = with(JWT, "USERS_TABLE", "users");
        env.put("JWT_JWKS_URL", "http://idp.example/.well-known/jwks.json");

        ConfigurationException failure = catchThrowableOfType(ConfigurationException.class, () -> AuthConfig.from(env));

        assertThat(failure.problems())
                .containsExactly(
                        "JWT_JWKS_URL must be an https URL (plain http only for a loopback host such as 127.0.0.1)");
    }

    @Test
    void blankValues_countAsMissing() {
        Map<String, String> env = with(JWT, "USERS_TABLE", "   ");

        ConfigurationException failure = catchThrowableOfType(ConfigurationException.class, () -> AuthConfig.from(env));

        assertThat(failure.problems()).containsExactly("USERS_TABLE is missing");
    }

    @Test
    void commandSubmissionConfig_readsQueueUrlAndNamesMissingOnes() {
        Map<String, String> env = with(JWT, "COMMANDS_TABLE", "tally-commands");
        env.put("COMMANDS_QUEUE_URL", "https://sqs.eu-west-1.amazonaws.com/123456789012/commands.fifo");

        CommandSubmissionConfig config = CommandSubmissionConfig.from(env);

        assertThat(config.commandsQueueUrl()).hasPath("/123456789012/commands.fifo");
        assertThat(config.commandsTable()).isEqualTo("tally-commands");
        ConfigurationException failure = catchThrowableOfType(
                ConfigurationException.class,
                () -> CommandSubmissionConfig.from(Map.of("COMMANDS_QUEUE_URL", "not a url")));
        assertThat(failure.problems())
                .containsExactly(
                        "COMMANDS_TABLE is missing",
                        "COMMANDS_QUEUE_URL must be an absolute http(s) URL",
                        "JWT_SECRET_ARN is missing",
                        "JWT_ISSUER is missing",
                        "JWT_AUDIENCE is missing");
    }

    @Test
    void queryConfig_readsThreeTablesAndJwt() {
        Map<String, String> env = with(JWT, "DEBTS_TABLE", "debts");
        env.put("SUMMARIES_TABLE", "summaries");
        env.put("COMMANDS_TABLE", "commands");

        QueryConfig config = QueryConfig.from(env::get);

        assertThat(config).isEqualTo(new QueryConfig("debts", "summaries", "commands", JwtSettings.from(JWT)));
        assertThat(catchThrowableOfType(ConfigurationException.class, () -> QueryConfig.from(JWT))
                        .problems())
                .containsExactly("DEBTS_TABLE is missing", "SUMMARIES_TABLE is missing", "COMMANDS_TABLE is missing");
    }

    @Test
    void workerConfig_readsTablesAndDeadLetterQueue() {
        WorkerConfig config = WorkerConfig.from(Map.of(
                "DEBTS_TABLE",
                "debts",
                "COMMANDS_TABLE",
                "commands",
                "DEAD_LETTER_QUEUE_URL",
                "http://127.0.0.1:9324/000000000000/commands-dlq.fifo"));

        assertThat(config.deadLetterQueueUrl().getPort()).isEqualTo(9324);
        assertThat(catchThrowableOfType(ConfigurationException.class, () -> WorkerConfig.from(Map.of()))
                        .problems())
                .containsExactly(
                        "DEBTS_TABLE is missing", "COMMANDS_TABLE is missing", "DEAD_LETTER_QUEUE_URL is missing");
    }

    @Test
    void projectionConfig_readsBothTables() {
        assertThat(ProjectionConfig.from(Map.of("DEBTS_TABLE", "debts", "SUMMARIES_TABLE", "summaries")))
                .isEqualTo(new ProjectionConfig("debts", "summaries"));
        assertThat(catchThrowableOfType(
                                ConfigurationException.class,
                                () -> ProjectionConfig.from(Map.of("DEBTS_TABLE", "debts")))
                        .problems())
                .containsExactly("SUMMARIES_TABLE is missing");
    }

    @Test
    void variables_listWhatEachRecordReads() {
        assertThat(AuthConfig.requiredVariables())
                .containsExactly("USERS_TABLE", "LOGIN_ATTEMPTS_TABLE", "JWT_SECRET_ARN", "JWT_ISSUER", "JWT_AUDIENCE");
        assertThat(AuthConfig.variables())
                .containsExactly(
                        "USERS_TABLE",
                        "LOGIN_ATTEMPTS_TABLE",
                        "JWT_SECRET_ARN",
                        "JWT_ISSUER",
                        "JWT_AUDIENCE",
                        "JWT_JWKS_URL",
                        "JWT_TTL_SECONDS");
        assertThat(CommandSubmissionConfig.variables())
                .containsExactly(
                        "COMMANDS_TABLE",
                        "COMMANDS_QUEUE_URL",
                        "JWT_SECRET_ARN",
                        "JWT_ISSUER",
                        "JWT_AUDIENCE",
                        "JWT_JWKS_URL");
        assertThat(QueryConfig.variables())
                .containsExactly(
                        "DEBTS_TABLE",
                        "SUMMARIES_TABLE",
                        "COMMANDS_TABLE",
                        "JWT_SECRET_ARN",
                        "JWT_ISSUER",
                        "JWT_AUDIENCE",
                        "JWT_JWKS_URL");
        assertThat(WorkerConfig.variables()).containsExactly("DEBTS_TABLE", "COMMANDS_TABLE", "DEAD_LETTER_QUEUE_URL");
        assertThat(ProjectionConfig.variables()).containsExactly("DEBTS_TABLE", "SUMMARIES_TABLE");
    }

    @Test
    void requiredVariables_areExactlyWhatAnEmptyEnvironmentComplainsAbout() {
        assertMissingNamed(AuthConfig.requiredVariables(), () -> AuthConfig.from(Map.of()));
        assertMissingNamed(CommandSubmissionConfig.requiredVariables(), () -> CommandSubmissionConfig.from(Map.of()));
        assertMissingNamed(QueryConfig.requiredVariables(), () -> QueryConfig.from(Map.of()));
        assertMissingNamed(WorkerConfig.requiredVariables(), () -> WorkerConfig.from(Map.of()));
        assertMissingNamed(ProjectionConfig.requiredVariables(), () -> ProjectionConfig.from(Map.of()));
    }

    private static void assertMissingNamed(List<String> required, Runnable read) {
        ConfigurationException failure = catchThrowableOfType(ConfigurationException.class, read::run);
        assertThat(failure.problems())
                .containsExactlyElementsOf(
                        required.stream().map(v -> v + " is missing").toList());
    }

    private static Map<String, String> with(Map<String, String> base, String name, String value) {
        Map<String, String> env = new HashMap<>(base);
        env.put(name, value);
        return env;
    }
}
