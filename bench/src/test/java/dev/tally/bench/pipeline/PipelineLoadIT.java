package dev.tally.bench.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tally.local.runtime.stack.LocalClients;
import dev.tally.local.runtime.stack.LocalStack;
import dev.tally.local.runtime.stack.RepositoryStack;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;

/**
 * Load (issue 14, suite 4): the pipeline benchmark ({@link PipelineBenchmark}, the same options as
 * {@code bench/run-pipeline-benchmark.sh}) offers {@code -Dload.rate} commands/s (100) for {@code
 * -Dload.seconds} (60) through this repository's stack ({@link RepositoryStack}, in this JVM), open
 * loop, then drains until every accepted command is terminal.
 *
 * <p>Asserted: correctness only, never time. Every offered command is accepted (a submission whose
 * answer was lost is resubmitted with its idempotency key by the benchmark); none is lost (still
 * {@code ACCEPTED} after the drain); none is rejected (payments never exceed their bank debt); every
 * user's summary equals the sum of its APPLIED commands; and, read from the debts table itself, the
 * stored effects are exactly one per APPLIED command (debts created plus payments stored), so no
 * effect is duplicated. The benchmark's JSON (throughput, CPU) is written to {@code
 * target/pipeline-load.json} for the record; it has no lags: the test reads no status or summary
 * while the load runs (only the first command's status is sampled), and the drain reads each user's
 * oldest open command (ADR 0157). Lags are the benchmark's business ({@code bench/run-pipeline-benchmark.sh}).
 */
class PipelineLoadIT {

    private static final int USERS = 20;
    private static final int BANKS_PER_USER = 4;

    @TempDir
    Path directory;

    @Test
    void offeredForAMinute_everyCommandAcceptedAndApplied_noneLost_noneDuplicated_summariesRight() throws Exception {
        int rate = Integer.getInteger("load.rate", 100);
        int seconds = Integer.getInteger("load.seconds", 60);
        Path out = Path.of("target", "pipeline-load.json").toAbsolutePath();
        try (LocalStack stack = RepositoryStack.startInProcess(directory.resolve("data"));
                LocalClients clients = RepositoryStack.clients(stack)) {
            new PipelineBenchmark(Map.of(
                            "api", stack.endpoints().get("API").toString(),
                            "rate", Integer.toString(rate),
                            "seconds", Integer.toString(seconds),
                            "users", Integer.toString(USERS),
                            // the drain ends as soon as every command is terminal; a slow stack gets time, not a
                            // failure
                            "drain", Integer.getInteger("load.drain", 1200).toString(),
                            // What is asserted needs each command's final status and each user's final
                            // summary, not the lags: no status or summary reads while the load runs, and
                            // per user only its oldest open command read in the drain. Every read is a
                            // QueryFunction invocation on the two cores the pipeline runs on (ADR 0157).
                            "status-every", Integer.toString(Integer.MAX_VALUE),
                            "summary-users", "0",
                            "drain-reads", "oldest",
                            "out", out.toString()))
                    .run();

            JsonNode result = PipelineClient.JSON.readTree(Files.readString(out));
            long offered = result.get("offered").asLong();
            assertThat(offered).as("offered").isEqualTo((long) rate * seconds);
            assertThat(result.get("accepted").asLong())
                    .as("accepted, of %d offered", offered)
                    .isEqualTo(offered);
            assertThat(result.get("lost").asLong())
                    .as("lost (still ACCEPTED after the drain)")
                    .isZero();
            assertThat(result.get("rejected").asLong()).as("rejected").isZero();
            assertThat(result.get("applied").asLong()).as("applied").isEqualTo(offered);
            assertThat(result.get("wrongSummaries").asLong())
                    .as(
                            "users whose summary differs from their APPLIED commands: %s",
                            result.get("wrongSummaryDetails"))
                    .isZero();

            long debts = 0;
            long payments = 0;
            for (Map<String, AttributeValue> item : clients.dynamoDb()
                    .scanPaginator(
                            ScanRequest.builder().tableName("tally-debts").build())
                    .items()) {
                debts++;
                payments += item.get("payments").l().size();
            }
            assertThat((debts - (long) USERS * BANKS_PER_USER) + payments)
                    .as("stored effects (debts created during the run + payments stored): one per APPLIED command")
                    .isEqualTo(result.get("applied").asLong());
        }
    }
}
