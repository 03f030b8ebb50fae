package dev.tally.common.config;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * Configuration of {@code CommandSubmissionFunction} (validates and enqueues commands).
 *
 * @param commandsTable the command status and idempotency table ({@code COMMANDS_TABLE})
 * @param commandsQueueUrl the FIFO commands queue ({@code COMMANDS_QUEUE_URL})
 * @param jwt how tokens are verified ({@code JWT_*})
 */
public record CommandSubmissionConfig(String commandsTable, URI commandsQueueUrl, JwtSettings jwt) {

    private static final List<String> OWN_REQUIRED = List.of("COMMANDS_TABLE", "COMMANDS_QUEUE_URL");

    /** Validates that every part is present. */
    public CommandSubmissionConfig {
        Objects.requireNonNull(commandsTable, "commandsTable");
        Objects.requireNonNull(commandsQueueUrl, "commandsQueueUrl");
        Objects.requireNonNull(jwt, "jwt");
    }

    /** Reads the process environment; fails naming every missing or invalid variable. */
    public static CommandSubmissionConfig fromEnvironment() {
        return from(System::getenv);
    }

    /** Reads a map of variables (tests, tools). */
    public static CommandSubmissionConfig from(Map<String, String> environment) {
        return from(environment::get);
    }

    /** Reads through a variable lookup; fails naming every missing or invalid variable. */
    public static CommandSubmissionConfig from(Function<String, String> environment) {
        EnvironmentReader reader = new EnvironmentReader(environment);
        String commandsTable = reader.tableName("COMMANDS_TABLE");
        URI commandsQueueUrl = reader.requiredUrl("COMMANDS_QUEUE_URL");
        JwtSettings jwt = JwtSettings.read(reader);
        reader.throwIfProblems("CommandSubmissionConfig");
        return new CommandSubmissionConfig(commandsTable, commandsQueueUrl, jwt);
    }

    /** The variables that must be set for this function. */
    public static List<String> requiredVariables() {
        return Variables.concat(OWN_REQUIRED, JwtSettings.requiredVariables());
    }

    /** Every variable this record reads, required and optional. */
    public static List<String> variables() {
        return Variables.concat(OWN_REQUIRED, JwtSettings.variables());
    }
}
