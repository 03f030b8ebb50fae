package dev.tally.ops.projection;

import dev.tally.ops.OpsException;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** The debts and summaries table names: options, or the functions' own variables. */
public final class TableOptions {

    @Option(
            names = "--debts-table",
            paramLabel = "NAME",
            defaultValue = "${env:DEBTS_TABLE}",
            description = "The debts table (default: $DEBTS_TABLE).")
    String debtsTable;

    @Option(
            names = "--summaries-table",
            paramLabel = "NAME",
            defaultValue = "${env:SUMMARIES_TABLE}",
            description = "The summaries table (default: $SUMMARIES_TABLE).")
    String summariesTable;

    /** Fails naming every missing table. */
    void require() {
        List<String> missing = new ArrayList<>();
        if (debtsTable == null || debtsTable.isBlank()) {
            missing.add("the debts table (--debts-table or DEBTS_TABLE)");
        }
        if (summariesTable == null || summariesTable.isBlank()) {
            missing.add("the summaries table (--summaries-table or SUMMARIES_TABLE)");
        }
        if (!missing.isEmpty()) {
            throw new OpsException("missing " + String.join(" and ", missing));
        }
    }
}
