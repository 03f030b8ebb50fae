package dev.tally.common.config;

import java.util.List;

/**
 * Thrown at container start when the environment does not hold a valid configuration.
 *
 * <p>The message names every missing or invalid variable at once (never its value when the value
 * could be a secret), so one failed deployment shows everything there is to fix.
 */
public final class ConfigurationException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient List<String> problems;

    /**
     * Creates the exception for one configuration record.
     *
     * @param configName the record being read, e.g. {@code AuthConfig}
     * @param problems one sentence per missing or invalid variable
     */
    public ConfigurationException(String configName, List<String> problems) {
        super(configName + " cannot start: " + String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    /** One sentence per missing or invalid variable, each naming the variable. */
    public List<String> problems() {
        return problems;
    }
}
