package dev.tally.local.runtime.template;

/** An explicit YAML null ({@code ~}, {@code null} or an empty value). */
public enum TemplateNull implements TemplateValue {
    /** The only null node. */
    INSTANCE;

    @Override
    public String describe() {
        return "null";
    }
}
