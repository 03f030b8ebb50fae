package dev.tally.local.dynamodb.expression;

import dev.tally.local.dynamodb.model.ApiException;
import dev.tally.local.dynamodb.model.AttributeValue;
import dev.tally.local.dynamodb.model.AttributeValue.BinSet;
import dev.tally.local.dynamodb.model.AttributeValue.ListValue;
import dev.tally.local.dynamodb.model.AttributeValue.Num;
import dev.tally.local.dynamodb.model.AttributeValue.NumSet;
import dev.tally.local.dynamodb.model.AttributeValue.StrSet;
import dev.tally.local.dynamodb.model.Numbers;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Applies an UpdateExpression: every operand is evaluated against the OLD item first, then the
 * writes are made (list removals from the highest index down).
 */
public final class UpdateApplier {

    private UpdateApplier() {}

    /** The new item. The old item is not changed. */
    public static Map<String, AttributeValue> apply(UpdateExpression expression, Map<String, AttributeValue> old) {
        return apply(expression, old, new ArrayList<>());
    }

    /**
     * The new item, also collecting where each SET/ADD landed in it (a list index past the end
     * appends, so {@code l[9]} may land at {@code l[2]}) — the paths UPDATED_NEW returns.
     */
    public static Map<String, AttributeValue> apply(
            UpdateExpression expression, Map<String, AttributeValue> old, List<DocumentPath> written) {
        List<Map.Entry<DocumentPath, AttributeValue>> writes = new ArrayList<>();
        List<DocumentPath> removals = new ArrayList<>();
        for (UpdateExpression.Action action : expression.actions()) {
            if (action instanceof UpdateExpression.SetAction set) {
                writes.add(Map.entry(set.path(), evaluate(set.value(), old)));
            } else if (action instanceof UpdateExpression.RemoveAction remove) {
                removals.add(remove.path());
            } else if (action instanceof UpdateExpression.AddAction add) {
                writes.add(Map.entry(add.path(), add(DocumentPaths.get(old, add.path()), add.value())));
            } else {
                UpdateExpression.DeleteAction delete = (UpdateExpression.DeleteAction) action;
                AttributeValue remaining = delete(DocumentPaths.get(old, delete.path()), delete.value());
                if (remaining == null) {
                    removals.add(delete.path());
                } else {
                    writes.add(Map.entry(delete.path(), remaining));
                }
            }
        }
        Map<String, AttributeValue> item = old;
        for (Map.Entry<DocumentPath, AttributeValue> write : writes) {
            written.add(landing(item, write.getKey()));
            item = DocumentPaths.set(item, write.getKey(), write.getValue());
        }
        removals.sort(Comparator.comparing(UpdateApplier::lastIndex).reversed());
        for (DocumentPath path : removals) {
            item = DocumentPaths.remove(item, path);
        }
        return item;
    }

    private static DocumentPath landing(Map<String, AttributeValue> item, DocumentPath path) {
        List<DocumentPath.Element> elements = path.elements();
        if (!(elements.get(elements.size() - 1) instanceof DocumentPath.Index index) || elements.size() < 2) {
            return path;
        }
        AttributeValue parent = DocumentPaths.get(item, new DocumentPath(elements.subList(0, elements.size() - 1)));
        if (parent instanceof ListValue list && index.position() >= list.value().size()) {
            List<DocumentPath.Element> landed = new ArrayList<>(elements.subList(0, elements.size() - 1));
            landed.add(new DocumentPath.Index(list.value().size()));
            return new DocumentPath(landed);
        }
        return path;
    }

    private static int lastIndex(DocumentPath path) {
        DocumentPath.Element last = path.elements().get(path.elements().size() - 1);
        return last instanceof DocumentPath.Index index ? index.position() : -1;
    }

    private static AttributeValue evaluate(Operand operand, Map<String, AttributeValue> old) {
        if (operand instanceof Operand.ValueOperand value) {
            return value.value();
        }
        if (operand instanceof Operand.PathOperand path) {
            return require(DocumentPaths.get(old, path.path()));
        }
        if (operand instanceof Operand.IfNotExists ifNotExists) {
            AttributeValue existing = DocumentPaths.get(old, ifNotExists.path());
            return existing != null ? existing : evaluate(ifNotExists.fallback(), old);
        }
        if (operand instanceof Operand.ListAppend append) {
            AttributeValue first = evaluate(append.first(), old);
            AttributeValue second = evaluate(append.second(), old);
            if (!(first instanceof ListValue a) || !(second instanceof ListValue b)) {
                throw wrongType();
            }
            List<AttributeValue> joined = new ArrayList<>(a.value());
            joined.addAll(b.value());
            return new ListValue(joined);
        }
        if (operand instanceof Operand.Arithmetic arithmetic) {
            AttributeValue left = evaluate(arithmetic.left(), old);
            AttributeValue right = evaluate(arithmetic.right(), old);
            if (!(left instanceof Num a) || !(right instanceof Num b)) {
                throw wrongType();
            }
            return new Num(Numbers.check(
                    arithmetic.plus() ? a.value().add(b.value()) : a.value().subtract(b.value())));
        }
        throw ApiException.validation(
                "Invalid UpdateExpression: The function is not allowed in an update expression; function: size");
    }

    private static AttributeValue require(AttributeValue value) {
        if (value == null) {
            throw ApiException.validation(
                    "The provided expression refers to an attribute that does not exist in the item");
        }
        return value;
    }

    private static AttributeValue add(AttributeValue existing, AttributeValue value) {
        if (existing == null) {
            return value;
        }
        if (existing instanceof Num a && value instanceof Num b) {
            return new Num(Numbers.check(a.value().add(b.value())));
        }
        if (existing instanceof StrSet a && value instanceof StrSet b) {
            return new StrSet(union(a.value(), b.value()));
        }
        if (existing instanceof NumSet a && value instanceof NumSet b) {
            return new NumSet(union(a.value(), b.value()));
        }
        if (existing instanceof BinSet a && value instanceof BinSet b) {
            return new BinSet(union(a.value(), b.value()));
        }
        throw wrongType();
    }

    private static AttributeValue delete(AttributeValue existing, AttributeValue value) {
        if (existing == null) {
            return null;
        }
        if (existing instanceof StrSet a && value instanceof StrSet b) {
            Set<String> left = minus(a.value(), b.value());
            return left.isEmpty() ? null : new StrSet(left);
        }
        if (existing instanceof NumSet a && value instanceof NumSet b) {
            Set<java.math.BigDecimal> left = minus(a.value(), b.value());
            return left.isEmpty() ? null : new NumSet(left);
        }
        if (existing instanceof BinSet a && value instanceof BinSet b) {
            Set<AttributeValue.Bin> left = minus(a.value(), b.value());
            return left.isEmpty() ? null : new BinSet(left);
        }
        throw wrongType();
    }

    private static <T> Set<T> union(Set<T> a, Set<T> b) {
        Set<T> result = new LinkedHashSet<>(a);
        result.addAll(b);
        return result;
    }

    private static <T> Set<T> minus(Set<T> a, Set<T> b) {
        Set<T> result = new LinkedHashSet<>(a);
        result.removeAll(b);
        return result;
    }

    private static ApiException wrongType() {
        return ApiException.validation("An operand in the update expression has an incorrect data type");
    }
}
