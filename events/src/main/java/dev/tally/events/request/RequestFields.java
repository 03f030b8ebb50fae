package dev.tally.events.request;

import dev.tally.events.FieldProblem;
import dev.tally.events.Limits;
import dev.tally.events.TextRules;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/** Parsing of the string fields of request bodies, each problem appended to a list. */
final class RequestFields {

    private RequestFields() {}

    /** An optional {@code YYYY-MM-DD} date between {@link Limits#YEAR_MIN} and {@link Limits#YEAR_MAX}; null when absent or bad. */
    static LocalDate date(List<FieldProblem> problems, String field, String text) {
        if (text == null) {
            return null;
        }
        try {
            LocalDate date = LocalDate.parse(text, DateTimeFormatter.ISO_LOCAL_DATE);
            if (date.getYear() < Limits.YEAR_MIN || date.getYear() > Limits.YEAR_MAX) {
                problems.add(new FieldProblem(
                        field, "must be a date between " + Limits.YEAR_MIN + " and " + Limits.YEAR_MAX));
                return null;
            }
            return date;
        } catch (DateTimeParseException bad) {
            problems.add(new FieldProblem(field, "must be a calendar date like \"2026-12-31\" (YYYY-MM-DD)"));
            return null;
        }
    }

    /** An optional ISO-8601 instant with a zone ({@code Z} or an offset); null when absent or bad. */
    static Instant instant(List<FieldProblem> problems, String field, String text) {
        if (text == null) {
            return null;
        }
        try {
            return DateTimeFormatter.ISO_OFFSET_DATE_TIME.parse(text, Instant::from);
        } catch (DateTimeParseException bad) {
            problems.add(
                    new FieldProblem(field, "must be an ISO-8601 date-time with a zone like \"2026-11-27T10:15:30Z\""));
            return null;
        }
    }

    /** A required enum constant, named exactly; null when absent or bad. */
    static <E extends Enum<E>> E constant(List<FieldProblem> problems, String field, String text, Class<E> type) {
        String allowed = Arrays.stream(type.getEnumConstants()).map(Enum::name).collect(Collectors.joining(", "));
        if (text == null) {
            problems.add(new FieldProblem(field, "is required: one of " + allowed));
            return null;
        }
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equals(text)) {
                return constant;
            }
        }
        problems.add(new FieldProblem(field, "must be one of " + allowed));
        return null;
    }

    /** Optional free text that, when present, must not be blank (omit it instead). */
    static void optionalNonBlankText(List<FieldProblem> problems, String field, String text, int max) {
        if (text != null && text.isBlank()) {
            problems.add(new FieldProblem(field, "must not be blank: leave it out instead"));
        } else {
            TextRules.optionalText(problems, field, text, max);
        }
    }

    /** Problems of an id taken from the request path, e.g. {@code debtId}. */
    static void pathId(List<FieldProblem> problems, String field, String id) {
        TextRules.requiredId(problems, field, id);
    }
}
