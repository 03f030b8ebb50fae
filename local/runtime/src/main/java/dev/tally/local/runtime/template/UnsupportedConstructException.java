package dev.tally.local.runtime.template;

/**
 * The template uses something this reader does not support: an unknown tag or {@code Fn::} key,
 * an event type, a property, or an intrinsic that cannot be evaluated locally
 * ({@code Fn::ImportValue}, …). Never ignored silently.
 */
public final class UnsupportedConstructException extends TemplateException {

    private static final long serialVersionUID = 1L;

    /** {@code construct} at {@code path} is not supported; {@code problem} says why or what to use. */
    public UnsupportedConstructException(String path, String problem) {
        super(path, problem, null);
    }
}
