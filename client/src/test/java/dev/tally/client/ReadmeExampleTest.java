package dev.tally.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tally.events.DebtStatus;
import dev.tally.events.DecimalMoney;
import dev.tally.events.command.CommandStatus;
import dev.tally.events.request.CounterpartyBody;
import dev.tally.events.request.CreateDebtRequest;
import dev.tally.events.request.RecordPaymentRequest;
import dev.tally.events.view.CommandAcceptedView;
import dev.tally.events.view.DebtListView;
import dev.tally.events.view.DebtView;
import dev.tally.events.view.SummaryView;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The README's client example, compiled: {@link #example()} holds its lines, and the test checks
 * that every line of the README's {@code java} block stands in this file, so the two cannot drift
 * apart and the README never shows a call that does not compile (white space aside, so the
 * formatter may wrap the lines here).
 */
class ReadmeExampleTest {

    private static final Path README = Path.of("..", "README.md");
    private static final Path THIS_FILE =
            Path.of("src", "test", "java", "dev", "tally", "client", "ReadmeExampleTest.java");

    @SuppressWarnings("unused")
    static void example() {
        TallyClient tally =
                TallyClient.builder(URI.create("http://127.0.0.1:3000")).build();
        tally.register("ada@example.com", "correct horse battery staple", "Ada");
        TallyClient ada = tally.login("ada@example.com", "correct horse battery staple");
        CommandAcceptedView created = ada.createDebt(new CreateDebtRequest(
                new CounterpartyBody("Bob", null),
                "OWED_TO_ME",
                new DecimalMoney("25.00", "EUR"),
                "concert tickets",
                null));
        CommandStatus outcome = ada.awaitOutcome(created, Duration.ofSeconds(30)); // APPLIED or REJECTED
        ada.recordPayment(created.debtId(), new RecordPaymentRequest(new DecimalMoney("10.00", "EUR"), null, null));
        Optional<DebtView> debt = ada.debt(created.debtId());
        SummaryView summary = ada.summary(); // updated asynchronously from the debts
        DebtListView page =
                ada.debts(DebtStatus.OPEN, 20, null); // then ada.debts(DebtStatus.OPEN, 20, page.nextCursor())
        List<DebtView> all = ada.allDebts(null); // follows the cursor to the last page
    }

    @Test
    void everyLineOfTheReadmeExampleIsCompiledHere() throws IOException {
        String readme = Files.readString(README);
        Matcher block = Pattern.compile("```java\\n(TallyClient tally = .*?)```", Pattern.DOTALL)
                .matcher(readme);
        assertThat(block.find())
                .as("the README's java block with the client example")
                .isTrue();
        String source = normalized(Files.readString(THIS_FILE));
        List<String> lines = block.group(1)
                .lines()
                .map(String::strip)
                .filter(line -> !line.isEmpty())
                .toList();
        assertThat(lines).hasSizeGreaterThanOrEqualTo(10);
        assertThat(lines).allSatisfy(line -> assertThat(source).contains(normalized(line)));
    }

    private static String normalized(String text) {
        return text.replaceAll("\\s+", "");
    }
}
