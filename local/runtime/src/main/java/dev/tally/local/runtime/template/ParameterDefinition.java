package dev.tally.local.runtime.template;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A template parameter.
 *
 * @param name          its key in {@code Parameters}
 * @param type          {@code String}, {@code Number}, {@code CommaDelimitedList}, …
 * @param defaultValue  the {@code Default}, as text
 * @param allowedValues the {@code AllowedValues} (empty when unrestricted)
 * @param description   the {@code Description} (empty when absent)
 * @param noEcho        whether the value is secret ({@code NoEcho})
 */
public record ParameterDefinition(
        String name,
        String type,
        Optional<String> defaultValue,
        List<String> allowedValues,
        String description,
        boolean noEcho) {

    private static final Set<String> PROPERTIES = Set.of(
            "Type",
            "Default",
            "AllowedValues",
            "AllowedPattern",
            "Description",
            "ConstraintDescription",
            "MaxLength",
            "MinLength",
            "MaxValue",
            "MinValue",
            "NoEcho");

    /** Copies the allowed values. */
    public ParameterDefinition {
        allowedValues = List.copyOf(allowedValues);
    }

    static ParameterDefinition read(String name, TemplateValue value) {
        Properties parameter = Properties.of(value, "Parameters." + name).allowOnly(PROPERTIES, "a parameter");
        return new ParameterDefinition(
                name,
                parameter.requiredString("Type"),
                parameter.optionalString("Default"),
                parameter.stringList("AllowedValues"),
                parameter.optionalString("Description").orElse(""),
                parameter.bool("NoEcho", false));
    }
}
