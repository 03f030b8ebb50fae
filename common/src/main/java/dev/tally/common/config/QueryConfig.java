package dev.tally.common.config;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * Configuration of {@code QueryFunction} (summary, debts and command status reads).
 *
 * @param debtsTable the debts table ({@code DEBTS_TABLE})
 * @param summariesTable the per-user summaries table ({@code SUMMARIES_TABLE})
 * @param commandsTable the command status table ({@code COMMANDS_TABLE})
 * @param jwt how tokens are verified ({@code JWT_*})
 */
public record QueryConfig(String debtsTable, String summariesTable, String commandsTable, JwtSettings jwt) {

    private static final List<String> OWN_REQUIRED = List.of("DEBTS_TABLE", "SUMMARIES_TABLE", "COMMANDS_TABLE");

    /** Validates that every part is present. */
    public QueryConfig {
        Objects.requireNonNull(debtsTable, "debtsTable");
        Objects.requireNonNull(summariesTable, "summariesTable");
        Objects.requireNonNull(commandsTable, "commandsTable");
        Objects.requireNonNull(jwt, "jwt");
    }

    /** Reads the process environment; fails naming every missing or invalid variable. */
    public static QueryConfig fromEnvironment() {
        return from(System::getenv);
    }

    /** Reads a map of variables (tests, tools). */
    public static QueryConfig from(Map<String, String> environment) {
        return from(environment::get);
    }

    /** Reads through a variable lookup; fails naming every missing or invalid variable. */
    public static QueryConfig from(Function<String, String> environment) {
        EnvironmentReader reader = new EnvironmentReader(environment);
        String debtsTable = reader.tableName("DEBTS_TABLE");
        String summariesTable = reader.tableName("SUMMARIES_TABLE");
        String commandsTable = reader.tableName("COMMANDS_TABLE");
        JwtSettings jwt = JwtSettings.read(reader);
        reader.throwIfProblems("QueryConfig");
        return new QueryConfig(debtsTable, summariesTable, commandsTable, jwt);
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
