package dev.tally.local.runtime.template;

/**
 * One thing wrong with a template, found by a template check.
 *
 * @param path    where in the template ({@code Resources.X.Properties.Y})
 * @param problem what is wrong and what it should be
 */
record TemplateViolation(String path, String problem) {

    @Override
    public String toString() {
        return path + ": " + problem;
    }
}
