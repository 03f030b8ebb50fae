package dev.tally.common.config;

import java.util.ArrayList;
import java.util.List;

/** Joins lists of variable names for the {@code variables()} of each configuration record. */
final class Variables {

    private Variables() {}

    @SafeVarargs
    static List<String> concat(List<String>... parts) {
        List<String> all = new ArrayList<>();
        for (List<String> part : parts) {
            all.addAll(part);
        }
        return List.copyOf(all);
    }
}
