package dev.tally.common.config;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * Configuration of {@code SummaryProjectionFunction} (maintains per-user summaries).
 *
 * @param debtsTable the debts table whose stream feeds the projection ({@code DEBTS_TABLE})
 * @param summariesTable the per-user summaries table ({@code SUMMARIES_TABLE})
 */
public record ProjectionConfig(String debtsTable, String summariesTable) {

    private static final List<String> REQUIRED = List.of("DEBTS_TABLE", "SUMMARIES_TABLE");

    /** Validates that every part is present. */
    public ProjectionConfig {
        Objects.requireNonNull(debtsTable, "debtsTable");
        Objects.requireNonNull(summariesTable, "summariesTable");
    }

    /** Reads the process environment; fails naming every missing or invalid variable. */
    public static ProjectionConfig fromEnvironment() {
        return from(System::getenv);
    }

    /** Reads a map of variables (tests, tools). */
    public static ProjectionConfig from(Map<String, String> environment) {
        return from(environment::get);
    }

    /** Reads through a variable lookup; fails naming every missing or invalid variable. */
    public static ProjectionConfig from(Function<String, String> environment) {
        EnvironmentReader reader = new EnvironmentReader(environment);
        String debtsTable = reader.tableName("DEBTS_TABLE");
        String summariesTable = reader.tableName("SUMMARIES_TABLE");
        reader.throwIfProblems("ProjectionConfig");
        return new ProjectionConfig(debtsTable, summariesTable);
    }

    /** The variables that must be set for this function. */
    public static List<String> requiredVariables() {
        return REQUIRED;
    }

    /** Every variable this record reads (all required). */
    public static List<String> variables() {
        return REQUIRED;
    }
}
