package dev.tally.local.runtime.crash;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tally.local.runtime.Main;
import dev.tally.local.runtime.stack.ApiCalls;
import dev.tally.local.runtime.stack.RepositoryStack;
import dev.tally.local.runtime.stack.RepositoryStack.RuntimeProcess;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Crash consistency (issue 14, suite 3): {@code tally local} ({@link Main}, its own process, as the
 * launcher runs it) is killed with SIGKILL while two users' commands flow through the HTTP API,
 * then started again on the same data directory (the embedded DynamoDB's write-ahead log and
 * the embedded SQS's log, ADR 0173).
 *
 * <p>Every submission carries an {@code Idempotency-Key}. One whose answer was lost in the kill
 * (connection reset, refused, or a 5xx) may or may not have been accepted: after the restart it is
 * sent again with the same key and body, as a client would. The API then answers the original 202
 * (re-sending the command if it was recorded but never queued) or accepts it now; either way the
 * test knows every command the stack holds. Claims checked at the end: every command answered 202
 * (before the kill or on resubmission) reaches a terminal status (APPLIED or REJECTED); every
 * user's summary equals what their debts add up to; every debt listed was created by an accepted
 * command; no payment is lost or applied twice (each debt holds exactly its APPLIED payment
 * commands).
 *
 * <p>What a SIGKILL tests: the process dies, the operating system does not. Data handed to the OS
 * (the SQS log is written without forcing it; the DynamoDB log is forced) survives; a power loss is
 * a different claim (ADR 0151). The stack runs the repository's template with one change: the
 * commands queue's visibility timeout is 30 s, not 180 s (ADR 0157), so a test run does not depend
 * on the embedded SQS making held messages visible again at restart (ADR 0173 does). Cycles:
 * {@code -Dcrash.cycles=N} (default 2); commands accepted
 * per cycle before the kill: {@code -Dcrash.commands=N} (default 20).
 */
class CrashConsistencyIT {

    private static final Set<String> TERMINAL = Set.of("APPLIED", "REJECTED");
    /**
     * The commands queue's visibility timeout for this suite: the worker's {@code Timeout} (30 s), the
     * least the SQS mapping accepts, instead of the template's 180 s. The messages the worker held
     * when the stack was killed return after it, and the test waits for them: 180 s of idle waiting per
     * run otherwise (ADR 0157). Everything else is the repository's template.
     */
    private static final int COMMANDS_VISIBILITY_SECONDS = 30;

    @TempDir
    Path directory;

    private RuntimeProcess runtime;
    private ApiCalls api;
    private Path template;
    /** What each part took, printed at the end (never asserted). */
    private final Map<String, Duration> timings = new LinkedHashMap<>();

    private void timeSince(String part, long startNanos) {
        timings.put(part, Duration.ofNanos(System.nanoTime() - startNanos));
    }

    private enum Kind {
        CREATE,
        PAYMENT,
        CLOSE
    }

    /** One submission, everything needed to send it again: same key, same body. */
    private record Submission(String email, Kind kind, String method, String path, String body, String key) {}

    /** One command answered 202: whose, which kind, which command and debt. */
    private record Accepted(String email, Kind kind, String commandId, String debtId) {}

    /** What the test knows: every command answered 202, and every submission whose answer it never saw. */
    private static final class Ledger {
        final Map<String, Accepted> accepted = Collections.synchronizedMap(new LinkedHashMap<>());
        final List<Submission> unanswered = Collections.synchronizedList(new ArrayList<>());
        final Map<String, List<String>> debts = new ConcurrentHashMap<>();

        void accept(Submission submission, JsonNode body) {
            String debtId = body.get("debtId").asText();
            accepted.put(
                    body.get("commandId").asText(),
                    new Accepted(
                            submission.email(),
                            submission.kind(),
                            body.get("commandId").asText(),
                            debtId));
            List<String> mine = debts(submission.email());
            synchronized (mine) {
                if (!mine.contains(debtId)) {
                    mine.add(debtId);
                }
            }
        }

        List<String> debts(String email) {
            return debts.computeIfAbsent(email, k -> Collections.synchronizedList(new ArrayList<>()));
        }

        int acceptedCount() {
            return accepted.size();
        }

        List<Accepted> acceptedList() {
            synchronized (accepted) {
                return List.copyOf(accepted.values());
            }
        }
    }

    @AfterEach
    void killLeftovers() {
        if (runtime != null) {
            runtime.close();
        }
    }

    private void start(Path data, int run) throws IOException, InterruptedException {
        if (template == null) {
            template = RepositoryStack.templateWithCommandsVisibility(directory, COMMANDS_VISIBILITY_SECONDS);
        }
        runtime = RuntimeProcess.start(data, directory.resolve("console-" + run + ".txt"), template);
        if (api == null) {
            api = new ApiCalls(runtime.api());
        } else {
            api.target(runtime.api());
        }
    }

    /** Sends one submission; true if it was answered (202 recorded, or a 4xx), false if its fate is unknown. */
    private boolean send(Submission submission, String token, Ledger ledger) throws InterruptedException {
        HttpResponse<String> response;
        try {
            response = api.call(submission.method(), submission.path(), token, submission.body(), submission.key());
        } catch (IOException e) {
            ledger.unanswered.add(submission);
            return false;
        }
        if (response.statusCode() == 202) {
            ledger.accept(submission, ApiCalls.tree(response.body()));
            return true;
        }
        if (response.statusCode() >= 500) {
            ledger.unanswered.add(submission);
            return false;
        }
        throw new AssertionError(submission + " answered " + response.statusCode() + ": " + response.body());
    }

    /**
     * Submits one user's commands until told to stop: new debts of 100.00 EUR either way, payments of
     * 1.00 on earlier ones (at most ten per debt, counted when sent, so none can overpay), now and
     * then a settle or a cancel. After an unanswered submission (the stack is being killed) it pauses,
     * so a dead stack costs a handful of resubmissions, not thousands.
     */
    private void submit(String email, String token, AtomicBoolean stop, Ledger ledger, Map<String, Integer> payments) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        List<String> debts = ledger.debts(email);
        while (!stop.get()) {
            String debtId;
            synchronized (debts) {
                debtId = debts.isEmpty() ? null : debts.get(random.nextInt(debts.size()));
            }
            int choice = random.nextInt(10);
            String key = UUID.randomUUID().toString();
            Submission submission;
            if (debtId == null || choice < 4) {
                submission = new Submission(
                        email,
                        Kind.CREATE,
                        "POST",
                        "/debts",
                        "{\"counterparty\":{\"name\":\"Party " + random.nextInt(5) + "\"},\"direction\":\""
                                + (random.nextBoolean() ? "OWED_TO_ME" : "OWED_BY_ME")
                                + "\",\"amount\":{\"amount\":\"100.00\",\"currency\":\"EUR\"}}",
                        key);
            } else if (choice < 9 && payments.getOrDefault(debtId, 0) < 10) {
                payments.merge(debtId, 1, Integer::sum);
                submission = new Submission(
                        email,
                        Kind.PAYMENT,
                        "POST",
                        "/debts/" + debtId + "/payments",
                        "{\"amount\":{\"amount\":\"1.00\",\"currency\":\"EUR\"}}",
                        key);
            } else if (random.nextBoolean()) {
                submission = new Submission(email, Kind.CLOSE, "POST", "/debts/" + debtId + "/settle", "{}", key);
            } else {
                submission = new Submission(email, Kind.CLOSE, "DELETE", "/debts/" + debtId, null, key);
            }
            try {
                if (!send(submission, token, ledger)) {
                    Thread.sleep(500);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Lets both users submit until {@code killAfter} more commands were accepted, then kills the stack mid-flow. */
    private void flowThenCrash(
            Map<String, String> tokens, Ledger ledger, Map<String, Map<String, Integer>> payments, int killAfter)
            throws Exception {
        int before = ledger.acceptedCount();
        AtomicBoolean stop = new AtomicBoolean();
        List<Thread> submitters = new ArrayList<>();
        for (var user : tokens.entrySet()) {
            Thread thread = new Thread(() -> submit(
                    user.getKey(),
                    user.getValue(),
                    stop,
                    ledger,
                    payments.computeIfAbsent(user.getKey(), k -> new ConcurrentHashMap<>())));
            thread.start();
            submitters.add(thread);
        }
        await().atMost(Duration.ofMinutes(5)).until(() -> ledger.acceptedCount() >= before + killAfter);
        runtime.crash();
        runtime = null;
        stop.set(true);
        for (Thread thread : submitters) {
            thread.join();
        }
    }

    /** Sends every unanswered submission again, same key and body, until each is answered 202. */
    private int resubmitUnanswered(Map<String, String> tokens, Ledger ledger) throws InterruptedException {
        List<Submission> pending;
        synchronized (ledger.unanswered) {
            pending = List.copyOf(ledger.unanswered);
            ledger.unanswered.clear();
        }
        for (Submission submission : pending) {
            HttpResponse<String> response = api.callUntilServed(
                    submission.method(),
                    submission.path(),
                    tokens.get(submission.email()),
                    submission.body(),
                    submission.key());
            ledger.accept(submission, ApiCalls.expect(response, 202));
        }
        return pending.size();
    }

    private Map<String, String> login(List<String> emails) throws InterruptedException {
        Map<String, String> tokens = new HashMap<>();
        for (String email : emails) {
            tokens.put(email, api.login(email));
        }
        return tokens;
    }

    @Test
    void sigkillWhileCommandsFlow_everyAcceptedCommandCompletes_andSummariesEqualDebts() throws Exception {
        Path data = directory.resolve("data");
        int cycles = Integer.getInteger("crash.cycles", 2);
        int killAfter = Integer.getInteger("crash.commands", 20);
        Ledger ledger = new Ledger();
        Map<String, Map<String, Integer>> payments = new ConcurrentHashMap<>();
        int resubmitted = 0;

        long started = System.nanoTime();
        start(data, 0);
        timeSince("start 0", started);
        List<String> emails = List.of(api.register("ada"), api.register("bob"));
        Map<String, String> tokens = login(emails);
        for (int cycle = 1; cycle <= cycles; cycle++) {
            long flow = System.nanoTime();
            flowThenCrash(tokens, ledger, payments, killAfter);
            timeSince("cycle " + cycle + ": flow until " + killAfter + " accepted, then SIGKILL", flow);
            long restart = System.nanoTime();
            start(data, cycle);
            timeSince("start " + cycle, restart);
            tokens = login(emails);
            resubmitted += resubmitUnanswered(tokens, ledger);
        }

        Map<String, String> finalTokens = tokens;
        Map<String, String> outcomes = new ConcurrentHashMap<>();
        List<Accepted> accepted = ledger.acceptedList();
        long terminal = System.nanoTime();
        await().atMost(Duration.ofMinutes(4))
                .pollInterval(Duration.ofSeconds(1))
                .untilAsserted(() -> {
                    for (Accepted command : accepted) {
                        if (!outcomes.containsKey(command.commandId())) {
                            String status = api.status(finalTokens.get(command.email()), command.commandId());
                            if (TERMINAL.contains(status)) {
                                outcomes.put(command.commandId(), status);
                            }
                        }
                    }
                    assertThat(outcomes)
                            .as("commands answered 202 that reached APPLIED or REJECTED")
                            .hasSameSizeAs(accepted);
                });
        timeSince("every accepted command terminal", terminal);
        for (String email : emails) {
            await().atMost(Duration.ofMinutes(2))
                    .pollInterval(Duration.ofSeconds(1))
                    .untilAsserted(() -> assertThat(api.eurSummaryDifference(finalTokens.get(email)))
                            .as("the summary of " + email + " against their debts")
                            .isNull());
        }
        for (String email : emails) {
            Map<String, Long> appliedPayments = new HashMap<>();
            List<String> created = new ArrayList<>();
            for (Accepted command : accepted) {
                if (!command.email().equals(email)) {
                    continue;
                }
                if (command.kind() == Kind.CREATE
                        && outcomes.get(command.commandId()).equals("APPLIED")) {
                    created.add(command.debtId());
                }
                if (command.kind() == Kind.PAYMENT
                        && outcomes.get(command.commandId()).equals("APPLIED")) {
                    appliedPayments.merge(command.debtId(), 1L, Long::sum);
                }
            }
            List<JsonNode> listed = api.allDebts(finalTokens.get(email), null, 100);
            assertThat(listed.stream().map(debt -> debt.get("debtId").asText()))
                    .as("the debts of " + email + ": exactly those of their APPLIED creates")
                    .containsExactlyInAnyOrderElementsOf(created);
            for (JsonNode debt : listed) {
                String debtId = debt.get("debtId").asText();
                assertThat(debt.get("paymentCount").asLong())
                        .as("payments on " + debtId)
                        .isEqualTo(appliedPayments.getOrDefault(debtId, 0L));
            }
        }
        System.out.printf(
                "crash consistency: %d cycles, %d commands answered 202 (%d of them on resubmission after a"
                        + " restart), %d APPLIED, %d REJECTED%n",
                cycles,
                accepted.size(),
                resubmitted,
                outcomes.values().stream().filter("APPLIED"::equals).count(),
                outcomes.values().stream().filter("REJECTED"::equals).count());
        timeSince("the whole test", started);
        timings.forEach((part, took) ->
                System.out.printf("crash consistency timing: %s: %.1f s%n", part, took.toMillis() / 1000.0));
    }
}
