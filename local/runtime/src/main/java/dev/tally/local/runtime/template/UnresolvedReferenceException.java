package dev.tally.local.runtime.template;

/**
 * A {@code Ref}, {@code GetAtt}, {@code ${…}} or {@code FindInMap} names something the template or
 * the resolution context does not define (a resource, an attribute value, a parameter without a
 * value, a condition, a mapping key).
 */
public final class UnresolvedReferenceException extends TemplateException {

    private static final long serialVersionUID = 1L;

    /** The reference at {@code path} cannot be resolved, as {@code problem} explains. */
    public UnresolvedReferenceException(String path, String problem) {
        super(path, problem, null);
    }
}
