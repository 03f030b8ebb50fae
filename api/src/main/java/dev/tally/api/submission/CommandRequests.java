package dev.tally.api.submission;

import dev.tally.api.internal.RequestBodies;
import dev.tally.common.http.ApiException;
import dev.tally.common.http.HttpRequest;
import dev.tally.events.FieldProblem;
import dev.tally.events.TextRules;
import dev.tally.events.Validated;
import dev.tally.events.command.DebtCommand;
import dev.tally.events.request.CancelDebtRequest;
import dev.tally.events.request.CreateDebtRequest;
import dev.tally.events.request.RecordPaymentRequest;
import dev.tally.events.request.SettleDebtRequest;
import dev.tally.events.request.UpdateDebtRequest;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Turns a request on one of the five command routes into a {@link Submission}, or refuses it with
 * every problem at once: the body's fields (validated by the request types of {@code events}), the
 * path {@code debtId}, and the {@code Idempotency-Key} and {@code X-Correlation-Id} headers.
 *
 * <p>A body that is not a JSON object is {@code 400 MALFORMED_JSON}; a JSON object with bad fields
 * is {@code 400 VALIDATION_FAILED}; both list the problems in {@code fields}. A debt id in the path must
 * be a UUID, as the API generates them. {@code POST /debts} gets a new UUIDv7 debt id here.
 */
public final class CommandRequests {

    /** {@code POST /debts}. */
    public static final String CREATE = "POST /debts";
    /** {@code PATCH /debts/{debtId}}. */
    public static final String UPDATE = "PATCH /debts/{debtId}";
    /** {@code POST /debts/{debtId}/payments}. */
    public static final String PAYMENT = "POST /debts/{debtId}/payments";
    /** {@code POST /debts/{debtId}/settle}. */
    public static final String SETTLE = "POST /debts/{debtId}/settle";
    /** {@code DELETE /debts/{debtId}}. */
    public static final String CANCEL = "DELETE /debts/{debtId}";
    /** Every route this class reads. */
    public static final Set<String> ROUTES = Set.of(CREATE, UPDATE, PAYMENT, SETTLE, CANCEL);

    /** The correlation header a client may send to follow its request through the logs. */
    public static final String CORRELATION_HEADER = "X-Correlation-Id";

    private static final Pattern CORRELATION_SHAPE = Pattern.compile("[\\x21-\\x7E]{1,128}");
    private static final String DEBT_ID = "debtId";

    private final UuidV7 debtIds;
    private final Clock clock;

    /** Reads requests with new debt ids from the generator and times from the clock. */
    public CommandRequests(UuidV7 debtIds, Clock clock) {
        this.debtIds = Objects.requireNonNull(debtIds, "debtIds");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * The validated submission in a request.
     *
     * @throws ApiException 404 for a route this function does not serve; 400, 413 or 415 for bad input
     */
    public Submission read(HttpRequest request) {
        String route = request.routeKey();
        if (!ROUTES.contains(route)) {
            throw ApiException.notFound("There is no command route " + route + ".");
        }
        Instant now = clock.instant();
        List<FieldProblem> requestProblems = new ArrayList<>();
        String idempotencyKey = request.header(IdempotencyKey.HEADER).orElse(null);
        if (idempotencyKey != null) {
            IdempotencyKey.problem(idempotencyKey)
                    .ifPresent(problem -> requestProblems.add(new FieldProblem(IdempotencyKey.HEADER, problem)));
        }
        String correlationId = request.header(CORRELATION_HEADER).orElse(null);
        if (correlationId != null && !CORRELATION_SHAPE.matcher(correlationId).matches()) {
            requestProblems.add(new FieldProblem(CORRELATION_HEADER, "must be 1 to 128 visible ASCII characters"));
        }
        String debtId = CREATE.equals(route) ? debtIds.next().toString() : pathDebtId(request, requestProblems);
        Parsed parsed = parse(route, request, debtId, now);
        List<FieldProblem> problems = new ArrayList<>(requestProblems);
        parsed.command().problems().stream()
                .filter(problem -> !problems.contains(problem))
                .forEach(problems::add);
        if (!problems.isEmpty()) {
            throw ApiException.validationFailed(problems);
        }
        return new Submission(
                route,
                parsed.command().orElseThrow(),
                parsed.generatedFields(),
                now,
                idempotencyKey,
                correlationId != null ? correlationId : request.requestId());
    }

    private static Parsed parse(String route, HttpRequest request, String debtId, Instant now) {
        return switch (route) {
            case CREATE ->
                parse(body(request), CreateDebtRequest.class)
                        .then(body -> body.validate(debtId), body -> Set.of(Submission.DEBT_ID));
            case UPDATE -> parse(body(request), UpdateDebtRequest.class).then(body -> body.validate(debtId));
            case PAYMENT ->
                parse(body(request), RecordPaymentRequest.class)
                        .then(
                                body -> body.validate(debtId, now),
                                body -> body.paidAt() == null ? Set.of(Submission.PAID_AT) : Set.of());
            case SETTLE -> parse(optionalBody(request), SettleDebtRequest.class).then(body -> body.validate(debtId));
            case CANCEL -> noBody(request, debtId);
            default -> throw new IllegalStateException("unrouted " + route);
        };
    }

    private static <T> ParsedBody<T> parse(String body, Class<T> type) {
        return new ParsedBody<>(RequestBodies.parse(body, type));
    }

    private static Parsed noBody(HttpRequest request, String debtId) {
        Validated<? extends DebtCommand> command = CancelDebtRequest.validate(debtId);
        if (request.body().filter(body -> !body.isBlank()).isPresent()) {
            List<FieldProblem> problems = new ArrayList<>(command.problems());
            problems.add(new FieldProblem(FieldProblem.BODY, "must be empty: this route takes no body"));
            return new Parsed(Validated.invalid(problems), Set.of());
        }
        return new Parsed(command, Set.of());
    }

    private static String body(HttpRequest request) {
        return request.requireJsonBody();
    }

    private static String optionalBody(HttpRequest request) {
        return request.body().filter(body -> !body.isBlank()).isPresent() ? body(request) : "{}";
    }

    /** The path's debt id, with a problem when it is not a UUID (the only ids the API hands out). */
    private static String pathDebtId(HttpRequest request, List<FieldProblem> problems) {
        String debtId = request.pathParameter(DEBT_ID);
        List<FieldProblem> idProblems = TextRules.problems();
        TextRules.requiredId(idProblems, DEBT_ID, debtId);
        if (idProblems.isEmpty() && !UuidV7.SHAPE.matcher(debtId).matches()) {
            idProblems.add(
                    new FieldProblem(DEBT_ID, "must be a debt id as returned by POST /debts (a lower-case UUID)"));
        }
        problems.addAll(idProblems);
        return debtId;
    }

    /** A body read into its request type, or its structural problems (unknown properties, wrong JSON types). */
    private record ParsedBody<T>(Validated<T> body) {
        Parsed then(Function<T, Validated<? extends DebtCommand>> validate) {
            return then(validate, parsed -> Set.of());
        }

        Parsed then(Function<T, Validated<? extends DebtCommand>> validate, Function<T, Set<String>> generated) {
            if (body instanceof Validated.Valid<T> valid) {
                return new Parsed(validate.apply(valid.value()), generated.apply(valid.value()));
            }
            return new Parsed(Validated.invalid(body.problems()), Set.of());
        }
    }

    /** The validated command (or its problems) and what the API filled in. */
    private record Parsed(Validated<? extends DebtCommand> command, Set<String> generatedFields) {}
}
