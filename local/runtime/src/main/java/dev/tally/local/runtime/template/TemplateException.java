package dev.tally.local.runtime.template;

/**
 * A problem with a template, located by its path in the document
 * (e.g. {@code Resources.CommandsQueue.Properties.VisibilityTimeout}).
 */
public abstract sealed class TemplateException extends RuntimeException
        permits TemplateSyntaxException, UnsupportedConstructException, UnresolvedReferenceException {

    private static final long serialVersionUID = 1L;

    private final String path;

    /** A problem at {@code path}; the message names the path first. */
    protected TemplateException(String path, String problem, Throwable cause) {
        super(path.isEmpty() ? problem : path + ": " + problem, cause);
        this.path = path;
    }

    /** Where in the template the problem is ({@code ""} for the whole document). */
    public String path() {
        return path;
    }
}
