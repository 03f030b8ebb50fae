package dev.tally.events;

/**
 * One problem with one field of a request: which field, and what is wrong with it.
 *
 * <p>Minimal copy so that {@code common} compiles before the contracts land in main; the merge
 * takes the {@code events} owner's version.
 */
public record FieldProblem(String field, String problem) {
}
