package dev.tally.local.runtime.stack;

import java.util.List;

/** The template uses something the local runtime does not run; the message names every such part. */
public final class UnsupportedTemplateException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public UnsupportedTemplateException(List<String> problems) {
        super("the template uses what the local runtime does not support:\n  - " + String.join("\n  - ", problems));
    }
}
