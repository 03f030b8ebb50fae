package dev.tally.commands;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import dev.tally.commands.store.BatchUnits;
import dev.tally.commands.store.DeadLetterQueue;
import dev.tally.events.command.CommandEnvelope;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The worker names each step to its {@link WorkerObservation} (the handler adds log keys and trace
 * subsegments there, ADR 0168), and has no observability library of its own.
 */
class CommandWorkerObservationTest {

    private final CommandApplier applier = mock(CommandApplier.class);
    private final DeadLetterQueue deadLetters = mock(DeadLetterQueue.class);

    /** Records each step as "kind messageId commandId" and runs it. */
    private static final class Recording implements WorkerObservation {
        final List<String> steps = new ArrayList<>();

        @Override
        public boolean batch(BooleanSupplier step) {
            steps.add("batch");
            return step.getAsBoolean();
        }

        @Override
        public boolean message(QueuedMessage message, CommandEnvelope command, BooleanSupplier step) {
            steps.add("message " + message.messageId() + " " + (command == null ? "-" : command.commandId()));
            return step.getAsBoolean();
        }

        @Override
        public boolean command(QueuedMessage message, CommandEnvelope command, BooleanSupplier step) {
            steps.add("command " + message.messageId() + " " + command.commandId());
            return step.getAsBoolean();
        }
    }

    @Test
    void process_oneByOne_observesEachMessageAndEachParsedCommand() {
        when(applier.apply(any())).thenReturn(new ApplyOutcome.Applied(1, false));
        Recording observation = new Recording();

        List<String> failed = new CommandWorker(applier, deadLetters)
                .process(messages("events/sqs/poison-then-command.json"), observation);

        assertThat(failed).isEmpty();
        assertThat(observation.steps)
                .containsExactly(
                        "message 0c1a7c1e-4444-4a4a-9a9a-000000000001 -",
                        "message 0c1a7c1e-4444-4a4a-9a9a-000000000002 -",
                        "command 0c1a7c1e-4444-4a4a-9a9a-000000000002 cmd-a2");
    }

    @Test
    void process_whenTheUnitDoesNotCommit_observesTheUnitThenEachCommandOneByOne() {
        BatchUnits units = mock(BatchUnits.class);
        when(units.begin(any())).thenThrow(new IllegalStateException("no unit today"));
        when(applier.apply(any())).thenReturn(new ApplyOutcome.Applied(1, false));
        Recording observation = new Recording();
        List<QueuedMessage> messages = messages("events/sqs/two-groups.json");

        new CommandWorker(applier, deadLetters, units).process(messages, observation);

        assertThat(observation.steps).first().isEqualTo("batch");
        assertThat(observation.steps)
                .filteredOn(step -> step.startsWith("command"))
                .hasSize(messages.size());
    }

    @Test
    void coreClasses_importNoPowertools() throws IOException {
        Path core = Path.of("src/main/java/dev/tally/commands");
        try (Stream<Path> files = Files.walk(core)) {
            List<Path> offenders = files.filter(file -> file.toString().endsWith(".java"))
                    .filter(file -> !file.startsWith(core.resolve("handler")))
                    .filter(file -> read(file).contains("software.amazon.lambda.powertools")
                            || read(file).contains("dev.tally.common.observability"))
                    .toList();
            assertThat(offenders).isEmpty();
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static List<QueuedMessage> messages(String fixture) {
        SQSEvent event = EventLoader.loadSQSEvent(fixture);
        return event.getRecords().stream()
                .map(record -> new QueuedMessage(
                        record.getMessageId(), record.getAttributes().get("MessageGroupId"), record.getBody(), 1))
                .toList();
    }
}
