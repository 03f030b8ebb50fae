package dev.tally.local.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The {@code ./tally} script's answers that need no build: bad input. ({@code ./tally ops} forwards to
 * the ops module's jar, tested there; {@code ./tally local} is covered by {@code LauncherIT}.)
 */
class LauncherScriptIT {

    private static Path script() {
        Path directory = Path.of("").toAbsolutePath();
        while (directory != null && !Files.isRegularFile(directory.resolve("tally"))) {
            directory = directory.getParent();
        }
        assertThat(directory)
                .as("the tally script above " + Path.of("").toAbsolutePath())
                .isNotNull();
        return directory.resolve("tally");
    }

    private record Run(int exit, String output) {}

    private static Run run(String... arguments) throws Exception {
        String[] command = new String[arguments.length + 2];
        command[0] = "bash";
        command[1] = script().toString();
        System.arraycopy(arguments, 0, command, 2, arguments.length);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return new Run(
                process.exitValue(), new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    @Test
    void unknownCommand_namesIt_andShowsUsage() throws Exception {
        Run run = run("lokal");

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.output()).contains("unknown command 'lokal'", "./tally local [--port 3000]");
    }
}
