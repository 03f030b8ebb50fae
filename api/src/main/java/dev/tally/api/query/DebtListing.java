package dev.tally.api.query;

import dev.tally.common.http.ApiException;
import dev.tally.common.http.HttpRequest;
import dev.tally.events.DebtStatus;
import dev.tally.events.FieldProblem;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The query of {@code GET /debts?status=&limit=&cursor=}, validated.
 *
 * @param status the status filter, or null for every debt
 * @param limit  the most debts on the page, {@value #MIN_LIMIT} to {@value #MAX_LIMIT}
 * @param cursor where the previous page ended (opaque, checked by {@link DebtCursors}), or null for the first page
 */
public record DebtListing(DebtStatus status, int limit, String cursor) {

    /** The page size when {@code limit} is absent. */
    public static final int DEFAULT_LIMIT = 20;
    /** The smallest page. */
    public static final int MIN_LIMIT = 1;
    /** The largest page. */
    public static final int MAX_LIMIT = 100;

    static final String STATUS = "status";
    static final String LIMIT = "limit";
    static final String CURSOR = "cursor";

    public DebtListing {
        if (limit < MIN_LIMIT || limit > MAX_LIMIT) {
            throw new IllegalArgumentException(
                    "limit must be from " + MIN_LIMIT + " to " + MAX_LIMIT + ", was " + limit);
        }
    }

    /**
     * The listing a request asks for.
     *
     * @throws ApiException {@code VALIDATION_FAILED} naming {@code status} and/or {@code limit} and what they accept
     */
    public static DebtListing from(HttpRequest request) {
        List<FieldProblem> problems = new ArrayList<>();
        DebtStatus status = request.queryParameter(STATUS)
                .map(value -> status(value, problems))
                .orElse(null);
        int limit = request.queryParameter(LIMIT)
                .map(value -> limit(value, problems))
                .orElse(DEFAULT_LIMIT);
        if (!problems.isEmpty()) {
            throw ApiException.validationFailed(problems);
        }
        return new DebtListing(status, limit, request.queryParameter(CURSOR).orElse(null));
    }

    private static DebtStatus status(String value, List<FieldProblem> problems) {
        for (DebtStatus status : DebtStatus.values()) {
            if (status.name().equals(value)) {
                return status;
            }
        }
        problems.add(new FieldProblem(
                STATUS,
                "must be one of "
                        + Arrays.stream(DebtStatus.values()).map(Enum::name).collect(Collectors.joining(", "))
                        + ", or absent for every debt"));
        return null;
    }

    private static int limit(String value, List<FieldProblem> problems) {
        if (value.matches("[0-9]{1,3}")) {
            int limit = Integer.parseInt(value);
            if (limit >= MIN_LIMIT && limit <= MAX_LIMIT) {
                return limit;
            }
        }
        problems.add(new FieldProblem(
                LIMIT,
                "must be a whole number from " + MIN_LIMIT + " to " + MAX_LIMIT + " (default " + DEFAULT_LIMIT + ")"));
        return DEFAULT_LIMIT;
    }
}
