package dev.tally.local.runtime.template;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.net.URLClassLoader;
import java.util.List;
import java.util.Optional;

/**
 * Reads the variables a function's config record requires ({@code XConfig.requiredVariables()}
 * in {@code dev.tally.common.config}) from the function's own built code, so the template is
 * checked against what the code reads rather than a copy of it.
 */
final class ConfigRecordVariables {

    private ConfigRecordVariables() {}

    /** Empty when {@code code} has no such record (common's config package not built into it yet). */
    static Optional<List<String>> required(CodeLocation code, String recordClass) {
        if (!code.containsClass(recordClass)) {
            return Optional.empty();
        }
        try (URLClassLoader loader = code.classLoader(List.of())) {
            Object variables = Class.forName(recordClass, true, loader)
                    .getMethod("requiredVariables")
                    .invoke(null);
            return Optional.of(
                    ((List<?>) variables).stream().map(String::valueOf).toList());
        } catch (ReflectiveOperationException e) {
            Throwable cause = e instanceof InvocationTargetException target ? target.getCause() : e;
            throw new IllegalStateException(
                    recordClass + ".requiredVariables() cannot be read from " + code.paths(), cause);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
