package dev.tally.common.observability;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.DataInputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The curated log4j plugin cache common ships to the function jars (ADR 0107) says what it was
 * generated from: exactly the entries of {@code build/log4j2-plugins.keep}, each naming a class that
 * exists, so log4j (which loads every listed class at start-up) finds them all.
 */
class Log4jPluginCacheTest {

    /** Read from common's sources: the test class path also holds log4j-core's full cache. */
    private static final String CACHE = "/META-INF/org/apache/logging/log4j/core/config/plugins/Log4j2Plugins.dat";

    @Test
    void curatedCache_listsExactlyTheKeepListAndEveryClassExists() throws Exception {
        List<String> keys = new ArrayList<>();
        List<String> classes = new ArrayList<>();
        try (InputStream stream = Files.newInputStream(Path.of("src/main/resources" + CACHE));
                DataInputStream in = new DataInputStream(stream)) {
            int categories = in.readInt();
            for (int i = 0; i < categories; i++) {
                String category = in.readUTF();
                int entries = in.readInt();
                for (int j = 0; j < entries; j++) {
                    keys.add(category + "/" + in.readUTF());
                    classes.add(in.readUTF());
                    in.readUTF();
                    in.readBoolean();
                    in.readBoolean();
                }
            }
        }
        List<String> keepList = Files.readAllLines(Path.of("../build/log4j2-plugins.keep")).stream()
                .map(String::strip)
                .filter(line -> !line.isEmpty() && !line.startsWith("#"))
                .toList();

        assertThat(keys).containsExactlyInAnyOrderElementsOf(keepList);
        for (String name : classes) {
            assertThat(Class.forName(name, false, getClass().getClassLoader())).isNotNull();
        }
    }
}
