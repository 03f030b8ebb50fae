package dev.tally.bench.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * The end-to-end pipeline benchmark (issue 11): offers commands to a running Tally at a fixed rate,
 * open loop (the schedule never waits for an answer), while polling command statuses and every
 * user's summary, and reports throughput, lags, errors, lost commands and wrong summaries.
 *
 * <p>Each user first gets a few large OWED_BY_ME "bank" debts. During the run a command is either a
 * new OWED_TO_ME debt (raises {@code owedToMe}) or a payment on a bank debt (lowers {@code owedByMe}),
 * so both figures move one way only and the summary's values tell which commands it includes: a
 * command is reflected at the first summary that includes it and every command of its user accepted
 * before it (a strict, upper-bound reading of the lag). Usage: see bench/run-pipeline-benchmark.sh.
 */
public final class PipelineBenchmark {

    private static final int BANKS_PER_USER = 4;
    private static final long BANK_CENTS = 100_000_00;
    /**
     * Users whose summary is polled while commands are offered: every poll is a Query invocation on
     * the same two cores, and polling all 20 users every 50 ms (400 requests/s) cost more CPU than
     * the commands measured (docs/adr/0115-submission-and-read-path-speed.md).
     */
    private static final int DEFAULT_SUMMARY_USERS = 5;
    /** The shortest interval between two reads of one command's status. */
    private static final long STATUS_POLL_MILLIS = 50;

    private final URI api;
    private final double rate;
    private final int seconds;
    private final int userCount;
    private final int statusEvery;
    private final long summaryPollMillis;
    private final int drainSeconds;
    /**
     * How the drain reads statuses: {@code all} (every open command on its backoff schedule, so the
     * accept→APPLIED lag of each is known) or {@code oldest} (per user, only its oldest open command,
     * and the next one as soon as that one is terminal: fewer Query invocations, no lags).
     */
    private final String drainReads;
    /** Users whose summary is polled during the run (every user's is polled for the final check). */
    private final int summaryUsers;

    private final Path out;
    private final CpuAccounting cpu;
    private final PipelineClient client;
    private final List<User> users = new ArrayList<>();
    private final Map<String, AtomicInteger> errors = new ConcurrentHashMap<>();
    private final List<Command> sampled = java.util.Collections.synchronizedList(new ArrayList<>());
    private final LatencyStats submitLatency = new LatencyStats();
    /** Submissions without a 202 (timeout, 5xx): each may still have been accepted, so it is resolved afterwards. */
    private final List<Offer> unresolved = java.util.Collections.synchronizedList(new ArrayList<>());

    private final AtomicInteger acceptedOnRetry = new AtomicInteger();
    private final Map<String, AtomicInteger> requests = new ConcurrentHashMap<>();
    private volatile boolean polling = true;
    /** How many users (the first ones) the summary poller covers now. */
    private volatile int polledUsers;

    /** One user, its token, its bank debts and the commands it was offered, in acceptance order. */
    static final class User {
        final int index;
        final String token;
        final List<String> banks = new ArrayList<>();
        final List<Command> commands = new ArrayList<>();
        /** Summary observations: {nanos, owedToMe, owedByMe, openCount}. */
        final List<long[]> summaries = new ArrayList<>();
        /** Whether this user's summary is polled during the run: only these users' commands get a summary lag. */
        final boolean lagSampled;

        volatile boolean summaryInFlight;

        User(int index, String token, boolean lagSampled) {
            this.index = index;
            this.token = token;
            this.lagSampled = lagSampled;
        }
    }

    /** One offered command, with the idempotency key that makes its submission safe to repeat. */
    record Offer(User user, String path, String body, String key, boolean create, long cents, boolean sample) {}

    /** One accepted command. */
    static final class Command {
        final String id;
        final User user;
        final boolean create;
        final long cents;
        final long acceptedNanos;
        volatile String status = "ACCEPTED";
        volatile long appliedSeenNanos;
        /** When this command's status is due to be read again (see {@link #nextPoll}). */
        volatile long nextPollNanos;
        /** Accepted only when resubmitted after the run: its lags are not measured. */
        boolean late;

        Command(String id, User user, boolean create, long cents, long acceptedNanos) {
            this.id = id;
            this.user = user;
            this.create = create;
            this.cents = cents;
            this.acceptedNanos = acceptedNanos;
        }

        boolean terminal() {
            return !status.equals("ACCEPTED");
        }
    }

    PipelineBenchmark(Map<String, String> options) {
        this.api = URI.create(options.getOrDefault("api", "http://127.0.0.1:3200"));
        this.rate = Double.parseDouble(options.getOrDefault("rate", "100"));
        this.seconds = Integer.parseInt(options.getOrDefault("seconds", "30"));
        this.userCount = Integer.parseInt(options.getOrDefault("users", "20"));
        this.statusEvery = Integer.parseInt(
                options.getOrDefault("status-every", Integer.toString(Math.max(1, (int) (rate / 50)))));
        this.summaryPollMillis = Long.parseLong(options.getOrDefault("summary-poll-ms", "50"));
        this.drainSeconds = Integer.parseInt(options.getOrDefault("drain", "60"));
        this.drainReads = options.getOrDefault("drain-reads", "all");
        if (!drainReads.equals("all") && !drainReads.equals("oldest")) {
            throw new IllegalArgumentException("drain-reads must be all or oldest, not " + drainReads);
        }
        this.summaryUsers = Math.min(
                userCount,
                Integer.parseInt(options.getOrDefault("summary-users", Integer.toString(DEFAULT_SUMMARY_USERS))));
        this.polledUsers = summaryUsers;
        this.cpu = new CpuAccounting(options.containsKey("stack-pid") ? Long.valueOf(options.get("stack-pid")) : null);
        this.out = Path.of(options.getOrDefault("out", "bench/target/pipeline-benchmark.json"));
        this.client = new PipelineClient(api);
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            options.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        new PipelineBenchmark(options).run();
        System.exit(0);
    }

    void run() throws Exception {
        Instant started = Instant.now();
        log("target " + api + ": " + userCount + " users, " + rate + " commands/s for " + seconds + " s");
        register();
        openBanks();
        Thread summaryPoller = daemon("summary-poller", this::pollSummaries);
        Thread statusPoller = daemon("status-poller", this::pollStatuses);
        CpuAccounting.Snapshot cpuBefore = cpu.snapshot();
        long offerStart = System.nanoTime();
        List<CompletableFuture<?>> submissions = offer(offerStart);
        long offerEnd = System.nanoTime();
        CompletableFuture.allOf(submissions.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
        resolveUnanswered();
        List<Command> accepted = accepted();
        log("offered " + submissions.size() + ", accepted " + accepted.size() + " (" + acceptedOnRetry
                + " on retry); draining");
        drain(accepted);
        CpuAccounting.Snapshot cpuAfter = cpu.snapshot();
        Map<String, Object> cpuPerCommand = CpuAccounting.perCommand(
                cpuBefore, cpuAfter, submissions.size(), Runtime.getRuntime().availableProcessors());
        Map<String, Object> requestsPerCommand = new LinkedHashMap<>();
        requests.forEach(
                (kind, count) -> requestsPerCommand.put(kind, round((double) count.get() / submissions.size())));
        polledUsers = users.size();
        Map<String, Object> wrong = checkSummaries();
        polling = false;
        summaryPoller.join(2000);
        statusPoller.join(2000);
        report(started, offerStart, offerEnd, submissions.size(), accepted, wrong, cpuPerCommand, requestsPerCommand);
    }

    /** Registers and logs in the users, one first (its container's cold start), then two at a time; retries each twice. */
    private void register() {
        String run = Long.toString(System.currentTimeMillis(), 36);
        users.add(registerWithRetries(0, run));
        Semaphore concurrency = new Semaphore(2);
        List<CompletableFuture<User>> registering = new ArrayList<>();
        for (int i = 1; i < userCount; i++) {
            int index = i;
            concurrency.acquireUninterruptibly();
            registering.add(CompletableFuture.supplyAsync(() -> registerWithRetries(index, run))
                    .whenComplete((user, failure) -> concurrency.release()));
        }
        registering.forEach(future -> users.add(future.join()));
        log("registered " + users.size() + " users");
    }

    private User registerWithRetries(int index, String run) {
        String email = "bench-" + run + "-" + index + "@example.com";
        String password = "pipeline benchmark password " + run;
        RuntimeException last = null;
        for (int attempt = 0; attempt < 3; attempt++) {
            try {
                int registered = client.call(
                                "POST",
                                "/auth/register",
                                null,
                                PipelineClient.json(
                                        Map.of("email", email, "password", password, "displayName", "Bench " + index)))
                        .status();
                PipelineClient.Answer login = client.call(
                        "POST", "/auth/login", null, PipelineClient.json(Map.of("email", email, "password", password)));
                if ((registered == 201 || registered == 409) && login.status() == 200) {
                    return new User(index, login.body().path("accessToken").asText(), index < summaryUsers);
                }
                last = new IllegalStateException(
                        "register/login of user " + index + ": HTTP " + registered + "/" + login.status());
            } catch (RuntimeException e) {
                last = e;
            }
        }
        throw last;
    }

    private void openBanks() throws InterruptedException {
        List<String> commandIds = new ArrayList<>();
        for (User user : users) {
            for (int i = 0; i < BANKS_PER_USER; i++) {
                PipelineClient.Answer answer = client.call(
                        "POST",
                        "/debts",
                        user.token,
                        PipelineClient.json(Map.of(
                                "counterparty",
                                Map.of("name", "Bank " + i),
                                "direction",
                                "OWED_BY_ME",
                                "amount",
                                Map.of("amount", PipelineClient.amount(BANK_CENTS), "currency", "EUR"))));
                if (answer.status() != 202) {
                    throw new IllegalStateException(
                            "cannot open a bank debt: HTTP " + answer.status() + " " + answer.body());
                }
                user.banks.add(answer.body().path("debtId").asText());
                commandIds.add(
                        user.index + " " + answer.body().path("commandId").asText());
            }
        }
        for (String entry : commandIds) {
            User user = users.get(Integer.parseInt(entry.split(" ")[0]));
            String id = entry.split(" ")[1];
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (!client.call("GET", "/commands/" + id, user.token, null)
                    .body()
                    .path("status")
                    .asText()
                    .equals("APPLIED")) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("bank debt command " + id + " not applied within 120 s");
                }
                Thread.sleep(100);
            }
        }
        log("opened " + commandIds.size() + " bank debts");
    }

    /** Offers commands on the fixed schedule; never waits for an answer. */
    private List<CompletableFuture<?>> offer(long start) {
        Random random = new Random(11);
        long periodNanos = (long) (1_000_000_000L / rate);
        long total = (long) (rate * seconds);
        List<CompletableFuture<?>> submissions = new ArrayList<>();
        for (long i = 0; i < total; i++) {
            long due = start + i * periodNanos;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            User user = users.get((int) (i % users.size()));
            boolean create = random.nextBoolean();
            long cents = create ? 100 + random.nextInt(9900) : 1 + random.nextInt(100);
            String body = create
                    ? PipelineClient.json(Map.of(
                            "counterparty",
                            Map.of("name", "Friend " + (i % 7)),
                            "direction",
                            "OWED_TO_ME",
                            "amount",
                            Map.of("amount", PipelineClient.amount(cents), "currency", "EUR")))
                    : PipelineClient.json(
                            Map.of("amount", Map.of("amount", PipelineClient.amount(cents), "currency", "EUR")));
            String path =
                    create ? "/debts" : "/debts/" + user.banks.get(random.nextInt(user.banks.size())) + "/payments";
            boolean sample = i % statusEvery == 0;
            Offer offer =
                    new Offer(user, path, body, java.util.UUID.randomUUID().toString(), create, cents, sample);
            long sent = System.nanoTime();
            count("submit");
            submissions.add(client.send("POST", path, user.token, body, offer.key())
                    .handle((answer, failure) -> {
                        long now = System.nanoTime();
                        if (failure != null) {
                            error("submit: " + rootCause(failure));
                            unresolved.add(offer);
                        } else if (answer.status() != 202) {
                            error("submit: HTTP " + answer.status());
                            if (answer.status() >= 500) {
                                unresolved.add(offer);
                            }
                        } else {
                            submitLatency.add((now - sent) / 1e6);
                            Command command =
                                    new Command(answer.body().path("commandId").asText(), user, create, cents, now);
                            synchronized (user) {
                                user.commands.add(command);
                            }
                            if (sample) {
                                sampled.add(command);
                            }
                        }
                        return null;
                    }));
        }
        return submissions;
    }

    /**
     * Resubmits, with the same idempotency key, each submission that got no 202: the API answers the
     * original 202 if it had accepted it (its effects count), or accepts it now.
     */
    private void resolveUnanswered() {
        List<Offer> offers;
        synchronized (unresolved) {
            offers = List.copyOf(unresolved);
        }
        for (Offer offer : offers) {
            for (int attempt = 0; attempt < 5; attempt++) {
                PipelineClient.Answer answer;
                count("resubmit");
                try {
                    answer = client.send("POST", offer.path(), offer.user().token, offer.body(), offer.key())
                            .join();
                } catch (RuntimeException e) {
                    continue;
                }
                if (answer.status() == 202) {
                    Command command = new Command(
                            answer.body().path("commandId").asText(),
                            offer.user(),
                            offer.create(),
                            offer.cents(),
                            System.nanoTime());
                    command.late = true;
                    synchronized (offer.user()) {
                        offer.user().commands.add(command);
                    }
                    acceptedOnRetry.incrementAndGet();
                    break;
                }
                if (answer.status() < 500) {
                    break;
                }
            }
        }
    }

    private static String rootCause(Throwable failure) {
        Throwable cause = failure;
        while (cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause.getClass().getSimpleName();
    }

    private void pollSummaries() {
        while (polling) {
            long next = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(summaryPollMillis);
            for (User user : users.subList(0, polledUsers)) {
                if (user.summaryInFlight) {
                    continue;
                }
                user.summaryInFlight = true;
                count("summary poll");
                client.send("GET", "/summary", user.token, null).whenComplete((answer, failure) -> {
                    long now = System.nanoTime();
                    if (failure == null && answer.status() == 200) {
                        JsonNode eur = answer.body().path("currencies").path("EUR");
                        if (!eur.isMissingNode()) {
                            long[] observation = {
                                now,
                                PipelineClient.cents(eur.path("owedToMe").asText("0")),
                                PipelineClient.cents(eur.path("owedByMe").asText("0")),
                                eur.path("openCount").asLong()
                            };
                            synchronized (user) {
                                user.summaries.add(observation);
                            }
                        }
                    } else {
                        error("summary: "
                                + (failure != null ? failure.getClass().getSimpleName() : "HTTP " + answer.status()));
                    }
                    user.summaryInFlight = false;
                });
            }
            LockSupport.parkNanos(Math.max(0, next - System.nanoTime()));
        }
    }

    private void pollStatuses() {
        Semaphore inFlight = new Semaphore(16);
        while (polling) {
            long now = System.nanoTime();
            long next = now + TimeUnit.MILLISECONDS.toNanos(STATUS_POLL_MILLIS);
            List<Command> pending;
            synchronized (sampled) {
                pending = sampled.stream()
                        .filter(command -> !command.terminal() && command.nextPollNanos <= now)
                        .toList();
            }
            for (Command command : pending) {
                inFlight.acquireUninterruptibly();
                poll(command).whenComplete((ignored, failure) -> inFlight.release());
            }
            LockSupport.parkNanos(Math.max(0, next - System.nanoTime()));
        }
    }

    /**
     * A command's status is read every {@value #STATUS_POLL_MILLIS} ms while it is young, then every
     * tenth of its age, at least once a second: the accept→APPLIED lag is known to within 10 % (at
     * least 50 ms, at most 1 s), and a backlog of seconds is not read 20 times a second per command
     * (ADR 0126).
     */
    private static long nextPoll(Command command, long now) {
        long interval = Math.min(TimeUnit.SECONDS.toNanos(1), (now - command.acceptedNanos) / 10);
        return now + Math.max(TimeUnit.MILLISECONDS.toNanos(STATUS_POLL_MILLIS), interval);
    }

    private CompletableFuture<Void> poll(Command command) {
        command.nextPollNanos = nextPoll(command, System.nanoTime());
        count("status poll");
        return client.send("GET", "/commands/" + command.id, command.user.token, null)
                .thenAccept(answer -> {
                    String status = answer.body().path("status").asText("");
                    if (!status.isEmpty() && !status.equals("ACCEPTED") && !command.terminal()) {
                        command.appliedSeenNanos = System.nanoTime();
                        command.status = status;
                    }
                });
    }

    private List<Command> accepted() {
        List<Command> all = new ArrayList<>();
        for (User user : users) {
            synchronized (user) {
                all.addAll(user.commands);
            }
        }
        return all;
    }

    /** Waits until every accepted command is terminal (or the drain time is up), polling the unsampled ones too. */
    private void drain(List<Command> accepted) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(drainSeconds);
        if (drainReads.equals("oldest")) {
            drainOldestFirst(accepted, deadline);
            return;
        }
        Semaphore inFlight = new Semaphore(16);
        while (System.nanoTime() < deadline) {
            List<Command> open =
                    accepted.stream().filter(command -> !command.terminal()).toList();
            if (open.isEmpty()) {
                return;
            }
            long now = System.nanoTime();
            List<CompletableFuture<Void>> polls = new ArrayList<>();
            for (Command command : open) {
                if (command.nextPollNanos > now) {
                    continue;
                }
                inFlight.acquireUninterruptibly();
                polls.add(poll(command).whenComplete((ignored, failure) -> inFlight.release()));
            }
            CompletableFuture.allOf(polls.toArray(CompletableFuture[]::new))
                    .exceptionally(failure -> null)
                    .join();
            Thread.sleep(200);
        }
    }

    /**
     * The drain with {@code drain-reads oldest}: each round reads, per user, the status of its oldest
     * open command (acceptance order) and, while the answer is terminal, the next one at once; then
     * waits half a second. A user's FIFO group applies its commands in about that order, so a round
     * costs about one read per user plus one per command applied since the last round, where the
     * {@code all} drain reads every open command up to once a second. A command is still counted
     * terminal only on a read that says so; one never read before the deadline stays {@code lost}.
     */
    private void drainOldestFirst(List<Command> accepted, long deadline) throws InterruptedException {
        Map<User, List<Command>> byUser = new LinkedHashMap<>();
        for (Command command : accepted) {
            byUser.computeIfAbsent(command.user, user -> new ArrayList<>()).add(command);
        }
        while (System.nanoTime() < deadline) {
            List<CompletableFuture<Void>> reads = new ArrayList<>();
            for (List<Command> commands : byUser.values()) {
                if (commands.stream().anyMatch(command -> !command.terminal())) {
                    reads.add(readOldestOpen(commands));
                }
            }
            if (reads.isEmpty()) {
                return;
            }
            CompletableFuture.allOf(reads.toArray(CompletableFuture[]::new))
                    .exceptionally(failure -> null)
                    .join();
            Thread.sleep(500);
        }
    }

    /** Reads the oldest open command of {@code commands}; if it is terminal now, the next open one, and so on. */
    private CompletableFuture<Void> readOldestOpen(List<Command> commands) {
        Command oldest = commands.stream()
                .filter(command -> !command.terminal())
                .findFirst()
                .orElse(null);
        if (oldest == null) {
            return CompletableFuture.completedFuture(null);
        }
        return poll(oldest)
                .thenCompose(ignored ->
                        oldest.terminal() ? readOldestOpen(commands) : CompletableFuture.completedFuture(null));
    }

    /** Waits for each user's summary to equal the sum of its applied effects; the users whose summary never does. */
    private Map<String, Object> checkSummaries() throws InterruptedException {
        Map<String, Object> wrong = new LinkedHashMap<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        for (User user : users) {
            long[] expected = expected(user, Long.MAX_VALUE);
            long[] last = null;
            while (System.nanoTime() < deadline || last == null) {
                synchronized (user) {
                    last = user.summaries.isEmpty() ? null : user.summaries.get(user.summaries.size() - 1);
                }
                if (last != null && last[1] == expected[0] && last[2] == expected[1] && last[3] == expected[2]) {
                    break;
                }
                Thread.sleep(100);
            }
            if (last == null || last[1] != expected[0] || last[2] != expected[1] || last[3] != expected[2]) {
                wrong.put(
                        "user " + user.index,
                        Map.of(
                                "expected",
                                List.of(expected[0], expected[1], expected[2]),
                                "summary",
                                last == null ? List.of() : List.of(last[1], last[2], last[3])));
            }
        }
        return wrong;
    }

    /** {owedToMe, owedByMe, openCount} after the user's applied commands accepted up to {@code acceptedBy}. */
    private static long[] expected(User user, long acceptedBy) {
        long owedToMe = 0;
        long paid = 0;
        long creates = 0;
        synchronized (user) {
            for (Command command : user.commands) {
                if (command.acceptedNanos <= acceptedBy && command.status.equals("APPLIED")) {
                    if (command.create) {
                        owedToMe += command.cents;
                        creates++;
                    } else {
                        paid += command.cents;
                    }
                }
            }
        }
        return new long[] {owedToMe, BANKS_PER_USER * BANK_CENTS - paid, BANKS_PER_USER + creates};
    }

    private void report(
            Instant started,
            long offerStart,
            long offerEnd,
            int offered,
            List<Command> accepted,
            Map<String, Object> wrong,
            Map<String, Object> cpuPerCommand,
            Map<String, Object> requestsPerCommand)
            throws Exception {
        LatencyStats toApplied = new LatencyStats();
        LatencyStats toSummary = new LatencyStats();
        long lastReflected = offerEnd;
        long applied = 0;
        long rejected = 0;
        long lost = 0;
        for (Command command : accepted) {
            switch (command.status) {
                case "APPLIED" -> applied++;
                case "ACCEPTED" -> lost++;
                default -> rejected++;
            }
        }
        synchronized (sampled) {
            for (Command command : sampled) {
                if (command.status.equals("APPLIED") && !command.late) {
                    toApplied.add((command.appliedSeenNanos - command.acceptedNanos) / 1e6);
                }
            }
        }
        for (User user : users) {
            synchronized (user) {
                long owedToMe = 0;
                long paid = 0;
                int from = 0;
                for (Command command : user.commands) {
                    if (!command.status.equals("APPLIED")) {
                        continue;
                    }
                    if (command.create) {
                        owedToMe += command.cents;
                    } else {
                        paid += command.cents;
                    }
                    long needToMe = owedToMe;
                    long needByMe = BANKS_PER_USER * BANK_CENTS - paid;
                    for (int i = from; i < user.summaries.size(); i++) {
                        long[] seen = user.summaries.get(i);
                        if (seen[0] >= command.acceptedNanos && seen[1] >= needToMe && seen[2] <= needByMe) {
                            if (!command.late && user.lagSampled) {
                                toSummary.add((seen[0] - command.acceptedNanos) / 1e6);
                            }
                            lastReflected = Math.max(lastReflected, seen[0]);
                            from = i;
                            break;
                        }
                    }
                }
            }
        }
        double offerSeconds = (offerEnd - offerStart) / 1e9;
        double appliedSeconds = Math.max(offerSeconds, (lastReflected - offerStart) / 1e9);
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("startedAt", started.toString());
        result.put("api", api.toString());
        result.put("offeredRate", rate);
        result.put("seconds", seconds);
        result.put("users", userCount);
        result.put("statusSampledEvery", statusEvery);
        result.put("summaryPollMillis", summaryPollMillis);
        result.put("summaryPolledUsers", summaryUsers);
        result.put("drainReads", drainReads);
        result.put("cores", Runtime.getRuntime().availableProcessors());
        result.put(
                "loadAverageAtEnd",
                java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                        .getSystemLoadAverage());
        result.put("offered", offered);
        result.put("accepted", accepted.size());
        result.put("acceptedOnRetry", acceptedOnRetry.get());
        result.put("acceptedPerSecond", round((accepted.size() - acceptedOnRetry.get()) / offerSeconds));
        result.put("applied", applied);
        result.put("appliedPerSecond", round(applied / appliedSeconds));
        result.put("rejected", rejected);
        result.put("lost", lost);
        result.put("wrongSummaries", wrong.size());
        result.put("wrongSummaryDetails", wrong);
        result.put("errors", errors);
        result.put("submitLatencyMillis", submitLatency.summary());
        result.put("acceptToAppliedMillis", toApplied.summary());
        result.put("acceptToSummaryMillis", toSummary.summary());
        result.put("clientRequestsPerCommand", requestsPerCommand);
        result.put("cpuMillisPerCommand", cpuPerCommand);
        Files.createDirectories(out.toAbsolutePath().getParent());
        Files.writeString(
                out, PipelineClient.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(result));
        System.out.println(PipelineClient.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(result));
        log("written to " + out);
    }

    private static double round(double value) {
        return Math.round(value * 10) / 10.0;
    }

    private void count(String kind) {
        requests.computeIfAbsent(kind, key -> new AtomicInteger()).incrementAndGet();
    }

    private void error(String kind) {
        errors.computeIfAbsent(kind, key -> new AtomicInteger()).incrementAndGet();
    }

    private static Thread daemon(String name, Runnable body) {
        Thread thread = new Thread(body, name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    private static void log(String message) {
        System.err.println("[pipeline] " + message);
    }
}
