package dev.tally.local.runtime.template;

/** The template is not valid YAML, or a value has the wrong shape (a list where a map belongs, …). */
public final class TemplateSyntaxException extends TemplateException {

    private static final long serialVersionUID = 1L;

    /** A shape problem at {@code path}. */
    public TemplateSyntaxException(String path, String problem) {
        super(path, problem, null);
    }

    /** A shape problem at {@code path} caused by {@code cause}. */
    public TemplateSyntaxException(String path, String problem, Throwable cause) {
        super(path, problem, cause);
    }
}
