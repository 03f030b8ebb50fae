package dev.tally.local.runtime.template;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What each Tally function needs from the template, as docs/ARCHITECTURE.md states it: the config
 * record that reads its environment, the variables that record requires (the documented list,
 * used where the record itself is not built yet), and which of its tables it writes (the others it
 * only reads). The policy check grants nothing beyond this.
 *
 * @param logicalId            the function's logical id
 * @param configRecord         the {@code dev.tally.common.config} record the function reads its environment with
 * @param documentedVariables  the variables that record requires, per docs/ARCHITECTURE.md
 * @param writtenTableVariables the table variables whose tables the function writes
 * @param tableActions         for tables that must be granted inline (issue 14 finding 13: the
 *                             internet-facing AuthFunction and the worker), table variable → the exact
 *                             DynamoDB actions its code calls; a SAM policy template on such a table is
 *                             refused because it grants more (DynamoDBCrudPolicy includes Scan and DeleteItem)
 */
record FunctionNeeds(
        String logicalId,
        String configRecord,
        List<String> documentedVariables,
        Set<String> writtenTableVariables,
        Map<String, Set<String>> tableActions) {

    /** Every function reads these (Powertools logging and tracing). */
    static final List<String> POWERTOOLS_VARIABLES = List.of(
            "POWERTOOLS_SERVICE_NAME",
            "POWERTOOLS_LOG_LEVEL",
            "POWERTOOLS_TRACER_CAPTURE_RESPONSE",
            "POWERTOOLS_TRACER_CAPTURE_ERROR");

    private static final List<String> JWT = List.of("JWT_SECRET_ARN", "JWT_ISSUER", "JWT_AUDIENCE");

    static final Map<String, FunctionNeeds> TALLY = Map.of(
            "AuthFunction",
                    new FunctionNeeds(
                            "AuthFunction",
                            "dev.tally.common.config.AuthConfig",
                            concat(List.of("USERS_TABLE", "LOGIN_ATTEMPTS_TABLE"), JWT),
                            Set.of("USERS_TABLE", "LOGIN_ATTEMPTS_TABLE"),
                            Map.of(
                                    "USERS_TABLE",
                                    Set.of("dynamodb:GetItem", "dynamodb:PutItem"),
                                    "LOGIN_ATTEMPTS_TABLE",
                                    Set.of("dynamodb:UpdateItem"))),
            "CommandSubmissionFunction",
                    new FunctionNeeds(
                            "CommandSubmissionFunction",
                            "dev.tally.common.config.CommandSubmissionConfig",
                            concat(List.of("COMMANDS_TABLE", "COMMANDS_QUEUE_URL"), JWT),
                            Set.of("COMMANDS_TABLE"),
                            Map.of()),
            "QueryFunction",
                    new FunctionNeeds(
                            "QueryFunction",
                            "dev.tally.common.config.QueryConfig",
                            concat(List.of("DEBTS_TABLE", "SUMMARIES_TABLE", "COMMANDS_TABLE"), JWT),
                            Set.of(),
                            Map.of()),
            "CommandWorkerFunction",
                    new FunctionNeeds(
                            "CommandWorkerFunction",
                            "dev.tally.common.config.WorkerConfig",
                            List.of("DEBTS_TABLE", "COMMANDS_TABLE", "DEAD_LETTER_QUEUE_URL"),
                            Set.of("DEBTS_TABLE", "COMMANDS_TABLE"),
                            Map.of(
                                    "DEBTS_TABLE",
                                    Set.of("dynamodb:GetItem", "dynamodb:PutItem"),
                                    "COMMANDS_TABLE",
                                    Set.of("dynamodb:GetItem", "dynamodb:UpdateItem"))),
            "SummaryProjectionFunction",
                    new FunctionNeeds(
                            "SummaryProjectionFunction",
                            "dev.tally.common.config.ProjectionConfig",
                            List.of("DEBTS_TABLE", "SUMMARIES_TABLE"),
                            Set.of("SUMMARIES_TABLE"),
                            Map.of()));

    FunctionNeeds {
        documentedVariables = List.copyOf(documentedVariables);
        writtenTableVariables = Set.copyOf(writtenTableVariables);
        tableActions = Map.copyOf(tableActions);
    }

    static Optional<FunctionNeeds> of(String logicalId) {
        return Optional.ofNullable(TALLY.get(logicalId));
    }

    private static List<String> concat(List<String> first, List<String> second) {
        return java.util.stream.Stream.concat(first.stream(), second.stream()).toList();
    }
}
