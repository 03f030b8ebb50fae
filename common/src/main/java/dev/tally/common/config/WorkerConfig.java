package dev.tally.common.config;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * Configuration of {@code CommandWorkerFunction} (applies queued commands).
 *
 * @param debtsTable the debts table ({@code DEBTS_TABLE})
 * @param commandsTable the command status table ({@code COMMANDS_TABLE})
 * @param deadLetterQueueUrl the FIFO DLQ unparseable messages are moved to ({@code DEAD_LETTER_QUEUE_URL})
 */
public record WorkerConfig(String debtsTable, String commandsTable, URI deadLetterQueueUrl) {

    private static final List<String> REQUIRED = List.of("DEBTS_TABLE", "COMMANDS_TABLE", "DEAD_LETTER_QUEUE_URL");

    /** Validates that every part is present. */
    public WorkerConfig {
        Objects.requireNonNull(debtsTable, "debtsTable");
        Objects.requireNonNull(commandsTable, "commandsTable");
        Objects.requireNonNull(deadLetterQueueUrl, "deadLetterQueueUrl");
    }

    /** Reads the process environment; fails naming every missing or invalid variable. */
    public static WorkerConfig fromEnvironment() {
        return from(System::getenv);
    }

    /** Reads a map of variables (tests, tools). */
    public static WorkerConfig from(Map<String, String> environment) {
        return from(environment::get);
    }

    /** Reads through a variable lookup; fails naming every missing or invalid variable. */
    public static WorkerConfig from(Function<String, String> environment) {
        EnvironmentReader reader = new EnvironmentReader(environment);
        String debtsTable = reader.tableName("DEBTS_TABLE");
        String commandsTable = reader.tableName("COMMANDS_TABLE");
        URI deadLetterQueueUrl = reader.requiredUrl("DEAD_LETTER_QUEUE_URL");
        reader.throwIfProblems("WorkerConfig");
        return new WorkerConfig(debtsTable, commandsTable, deadLetterQueueUrl);
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
