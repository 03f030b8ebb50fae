package dev.tally.ops.coldstart;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code tally ops coldstart report [--data-dir .tally]}: cold vs warm invocations of the local runtime. */
@Command(name = "coldstart", mixinStandardHelpOptions = true, description = "Cold-start analysis of local runs.",
        subcommands = ColdStartCommand.Report.class)
public final class ColdStartCommand {

    /** {@code coldstart report}. */
    @Command(name = "report", mixinStandardHelpOptions = true,
            description = "Markdown table per function from the local runtime's REPORT records and X-Ray segments.")
    static final class Report implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Option(names = "--data-dir", paramLabel = "DIR", defaultValue = ".tally",
                description = "The local runtime's data directory (default: ${DEFAULT-VALUE}).")
        Path dataDir;

        @Override
        public Integer call() {
            spec.commandLine().getOut().print(ColdStartReport.markdown(ColdStartData.load(dataDir)));
            spec.commandLine().getOut().flush();
            return 0;
        }
    }
}
