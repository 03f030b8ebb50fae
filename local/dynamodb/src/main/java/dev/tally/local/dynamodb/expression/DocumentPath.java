package dev.tally.local.dynamodb.expression;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A document path such as {@code a.b[2].c}: a top-level attribute name followed by map keys and
 * list indexes (aliases already resolved).
 *
 * @param elements the steps, the first always a {@link Field}
 */
public record DocumentPath(List<Element> elements) {

    /** Copies the steps. */
    public DocumentPath {
        elements = List.copyOf(elements);
    }

    /** One step of a path. */
    public sealed interface Element permits Field, Index {}

    /** A map key or top-level attribute name. */
    public record Field(String name) implements Element {}

    /** A list index. */
    public record Index(int position) implements Element {}

    /** A one-step path for a top-level attribute. */
    public static DocumentPath of(String attribute) {
        return new DocumentPath(List.of(new Field(attribute)));
    }

    /** The top-level attribute name. */
    public String attribute() {
        return ((Field) elements.get(0)).name();
    }

    /** Whether this path is just a top-level attribute. */
    public boolean isTopLevel() {
        return elements.size() == 1;
    }

    /** Whether one path is a prefix of the other (or they are equal). */
    public boolean overlaps(DocumentPath other) {
        int shared = Math.min(elements.size(), other.elements.size());
        return elements.subList(0, shared).equals(other.elements.subList(0, shared));
    }

    /** AWS's rendering in overlap messages: {@code [a, b, [2]]}. */
    public String describe() {
        return elements.stream()
                .map(e -> e instanceof Field f ? f.name() : "[" + ((Index) e).position() + "]")
                .collect(Collectors.joining(", ", "[", "]"));
    }
}
