import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.ZipFile;

/**
 * Writes the curated log4j 2 plugin cache the function jars carry (ADR 0107): the entries of the
 * given jars' {@code Log4j2Plugins.dat} whose {@code category/key} is in the keep list, nothing else.
 * log4j 2.25 loads the class of EVERY cache entry at start-up ({@code PluginRegistry.decodeCacheFiles}),
 * so the cache decides ~250 class loads; the function jars exclude the plugin caches of log4j-core,
 * log4j-layout-template-json and powertools-logging and keep only this one (common's resources).
 *
 *   java build/Log4jPluginCache.java KEEP_LIST OUT.dat JAR...
 */
public final class Log4jPluginCache {
    private static final String CACHE = "META-INF/org/apache/logging/log4j/core/config/plugins/Log4j2Plugins.dat";

    record Entry(String key, String className, String name, boolean printable, boolean defer) {}

    public static void main(String[] args) throws IOException {
        List<String> keep = Files.readAllLines(Path.of(args[0])).stream()
                .map(String::strip)
                .filter(line -> !line.isEmpty() && !line.startsWith("#"))
                .toList();
        Map<String, Map<String, Entry>> all = new TreeMap<>();
        for (int i = 2; i < args.length; i++) {
            try (ZipFile jar = new ZipFile(args[i])) {
                var entry = jar.getEntry(CACHE);
                if (entry != null) {
                    try (InputStream in = jar.getInputStream(entry)) {
                        read(in, all);
                    }
                }
            }
        }
        Map<String, Map<String, Entry>> kept = new TreeMap<>();
        List<String> missing = new ArrayList<>();
        for (String line : keep) {
            String[] parts = line.split("/", 2);
            Entry entry = all.getOrDefault(parts[0], Map.of()).get(parts[1]);
            if (entry == null) {
                missing.add(line);
            } else {
                kept.computeIfAbsent(parts[0], c -> new TreeMap<>()).put(parts[1], entry);
            }
        }
        if (!missing.isEmpty()) {
            throw new IllegalStateException("not in any plugin cache: " + missing);
        }
        try (DataOutputStream out = new DataOutputStream(Files.newOutputStream(Path.of(args[1])))) {
            out.writeInt(kept.size());
            for (var category : kept.entrySet()) {
                out.writeUTF(category.getKey());
                out.writeInt(category.getValue().size());
                for (Entry entry : category.getValue().values()) {
                    out.writeUTF(entry.key());
                    out.writeUTF(entry.className());
                    out.writeUTF(entry.name());
                    out.writeBoolean(entry.printable());
                    out.writeBoolean(entry.defer());
                }
            }
        }
        int total = all.values().stream().mapToInt(Map::size).sum();
        System.out.println("kept " + keep.size() + " of " + total + " plugin entries -> " + args[1]);
    }

    private static void read(InputStream stream, Map<String, Map<String, Entry>> into) throws IOException {
        DataInputStream in = new DataInputStream(new BufferedInputStream(stream));
        int categories = in.readInt();
        for (int i = 0; i < categories; i++) {
            String category = in.readUTF();
            Map<String, Entry> entries = into.computeIfAbsent(category, c -> new LinkedHashMap<>());
            int count = in.readInt();
            for (int j = 0; j < count; j++) {
                Entry entry = new Entry(in.readUTF(), in.readUTF(), in.readUTF(), in.readBoolean(), in.readBoolean());
                entries.putIfAbsent(entry.key(), entry);
            }
        }
    }
}
