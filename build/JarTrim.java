import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDateTime;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * Trims a shaded function jar to the classes its functions can reach, and rewrites it compactly (ADR 0176).
 *
 * <p>A library class stays when it is reachable from a root through class-file references (the constant
 * pool's class entries and every descriptor or signature it holds). The roots:
 * <ul>
 *   <li>every class of Tally ({@code dev/tally/**});
 *   <li>every class named in a resource file of the jar (service files, the log4j plugin cache, the SDK's
 *       interceptor lists, properties, JSON and XML), in dotted or slashed form;
 *   <li>every class named by a string constant of a reachable class (how libraries load optional parts by
 *       name: {@code Class.forName("…")});
 *   <li>the classes of the keep list ({@code build/jar-trim.keep}): those the functions loaded in real
 *       runs ({@code -Xlog:class+load}) and what a loader outside the jar names (the Lambda runtime's
 *       event serialization loads joda-time by name, ADR 0064).
 * </ul>
 * A class named nowhere — not by a reachable class's code or strings, not by a resource, not loaded in
 * a run — has no way to be loaded except a name computed at run time, which the loaded-class roots
 * cover for the paths the smoke tests and the benchmark exercise.
 *
 * <p>The rewritten jar has no directory entries, every entry deflated at level 9 and one fixed
 * timestamp (the same input gives the same bytes), and leaves out the source templates and schemas
 * no code reads ({@code *.java}, {@code *.java.vm}, {@code *.dtd}, {@code *.xsd}, ProGuard rules).
 * License and notice files stay.
 *
 * <pre>
 *   java build/JarTrim.java trim-dir KEEP TARGET      trim every *lambda.jar in TARGET (untrimmed copies: TARGET/untrimmed/)
 *   java build/JarTrim.java check KEEP ORIGINAL JAR   exit 1 if a class reachable in JAR is in ORIGINAL but not in JAR,
 *                                                   or a class of JAR does not load (ClassFormatError)
 *   java build/JarTrim.java report KEEP JAR           what the trim would remove, by library
 *   java build/JarTrim.java why KEEP JAR CLASS        the chain of references that keeps CLASS
 *   java build/JarTrim.java loaded LOG...              classes the -Xlog:class+load logs show loaded from a function jar
 * </pre>
 */
public final class JarTrim {

    private static final Pattern DESCRIPTOR_CLASS = Pattern.compile("L([\\w/$]+)[;<]");
    private static final Pattern NAME_TOKEN = Pattern.compile("[A-Za-z_$][\\w$]*(?:[./][A-Za-z_$][\\w$]*)+");
    private static final Pattern VERSIONED = Pattern.compile("META-INF/versions/\\d+/(.+)\\.class");
    private static final Pattern LOADED = Pattern.compile("\\[class,load\\s*\\] (\\S+) source: (?:jar:)?file:\\S*(?:lambda\\.jar|function\\.jar)");
    private static final String SERVICES = "META-INF/services/";
    private static final LocalDateTime TIMESTAMP = LocalDateTime.of(2020, 1, 1, 0, 0);

    public static void main(String[] args) throws IOException {
        if (args.length < 2) {
            throw new IllegalArgumentException("usage: trim KEEP JAR [ORIGINAL] | check KEEP ORIGINAL JAR | report KEEP JAR | loaded LOG...");
        }
        switch (args[0]) {
            case "trim-dir" -> {
                // Every function jar of a module's target folder; the untrimmed jars go to target/untrimmed/.
                Path target = Path.of(args[2]);
                try (var jars = Files.list(target)) {
                    for (Path jar : jars.filter(j -> j.getFileName().toString().endsWith("lambda.jar")).sorted().toList()) {
                        trim(Keep.read(Path.of(args[1])), jar, target.resolve("untrimmed").resolve(jar.getFileName()));
                    }
                }
            }
            case "check" -> check(Keep.read(Path.of(args[1])), Path.of(args[2]), Path.of(args[3]));
            case "report" -> report(Keep.read(Path.of(args[1])), Path.of(args[2]));
            case "loaded" -> loaded(args);
            case "why" -> why(Keep.read(Path.of(args[1])), Path.of(args[2]), args[3]);
            default -> throw new IllegalArgumentException("unknown mode " + args[0]);
        }
    }

    private static void trim(Keep keep, Path jar, Path original) throws IOException {
        long before = Files.size(jar);
        Analysis analysis = Analysis.of(jar, keep);
        Path out = Files.createTempFile(jar.toAbsolutePath().getParent(), jar.getFileName().toString(), ".tmp");
        int removed = 0;
        try (ZipFile zip = new ZipFile(jar.toFile());
                ZipOutputStream zipOut = new ZipOutputStream(Files.newOutputStream(out))) {
            zipOut.setLevel(Deflater.BEST_COMPRESSION);
            for (ZipEntry entry : Collections.list(zip.entries())) {
                String name = entry.getName();
                if (!analysis.keeps(name)) {
                    removed++;
                    continue;
                }
                byte[] bytes;
                try (InputStream in = zip.getInputStream(entry)) {
                    bytes = in.readAllBytes();
                }
                if (name.endsWith(".class") && !name.startsWith("dev/tally/") && !name.endsWith("module-info.class")) {
                    bytes = DebugStrip.withoutLocalVariableTables(bytes);
                }
                zipOut.putNextEntry(deflatedEntry(name, bytes));
                zipOut.write(bytes);
                zipOut.closeEntry();
            }
        }
        if (original != null) {
            Files.createDirectories(original.toAbsolutePath().getParent());
            Files.copy(jar, original, StandardCopyOption.REPLACE_EXISTING);
        }
        Files.setPosixFilePermissions(out, Files.getPosixFilePermissions(jar));
        Files.move(out, jar, StandardCopyOption.REPLACE_EXISTING);
        System.out.printf("JarTrim %s: %,d -> %,d bytes; %,d entries removed, %,d classes kept of %,d%n",
                jar.getFileName(), before, Files.size(jar), removed, analysis.reachable.size(), analysis.classes.size());
    }

    /**
     * An entry whose sizes and CRC are known before its data is written, so the stream puts them in the
     * local header and writes no 16-byte data descriptor after the data (ZipOutputStream deflates with
     * the same level and settings, which it verifies against the compressed size given here).
     */
    private static ZipEntry deflatedEntry(String name, byte[] bytes) {
        Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION, true);
        deflater.setInput(bytes);
        deflater.finish();
        byte[] buffer = new byte[8192];
        long compressed = 0;
        while (!deflater.finished()) {
            compressed += deflater.deflate(buffer);
        }
        deflater.end();
        CRC32 crc = new CRC32();
        crc.update(bytes);
        ZipEntry entry = new ZipEntry(name);
        entry.setTimeLocal(TIMESTAMP);
        entry.setMethod(ZipEntry.DEFLATED);
        entry.setSize(bytes.length);
        entry.setCompressedSize(compressed);
        entry.setCrc(crc.getValue());
        return entry;
    }

    private static void check(Keep keep, Path original, Path jar) throws IOException {
        Set<String> originalClasses = Analysis.of(original, keep).classes.keySet();
        Analysis analysis = Analysis.of(jar, keep);
        Set<String> missing = new TreeSet<>();
        for (String name : analysis.reachable) {
            for (String reference : analysis.classes.get(name).references()) {
                if (!analysis.classes.containsKey(reference) && originalClasses.contains(reference)) {
                    missing.add(reference + " (named by " + name + ")");
                }
            }
        }
        for (String root : analysis.namedRoots) {
            if (!analysis.classes.containsKey(root) && originalClasses.contains(root)) {
                missing.add(root + " (a root)");
            }
        }
        // Every class file the trim rewrote must still load: the JVM's class-file parser checks each
        // attribute's structure (a malformed one is a ClassFormatError). Loading does not initialize;
        // a class whose superclass is an optional library the jar never carried fails to load with a
        // NoClassDefFoundError, as it did before the trim, and is not counted.
        Set<String> malformed = new TreeSet<>();
        try (java.net.URLClassLoader loader = new java.net.URLClassLoader(
                new java.net.URL[] {jar.toUri().toURL()}, ClassLoader.getPlatformClassLoader())) {
            for (String name : analysis.classes.keySet()) {
                if (name.endsWith("module-info") || name.startsWith("META-INF/")) {
                    continue;
                }
                try {
                    Class.forName(name.replace('/', '.'), false, loader);
                } catch (ClassFormatError e) {
                    malformed.add(name + ": " + e);
                } catch (ClassNotFoundException | LinkageError e) {
                    // an optional dependency the jar never carried
                }
            }
        }
        System.out.println(jar.getFileName() + ": " + analysis.classes.size() + " classes; missing: " + missing.size()
                + "; malformed: " + malformed.size());
        missing.forEach(name -> System.out.println("  MISSING " + name));
        malformed.forEach(name -> System.out.println("  MALFORMED " + name));
        if (!missing.isEmpty() || !malformed.isEmpty()) {
            System.exit(1);
        }
    }

    private static void report(Keep keep, Path jar) throws IOException {
        Analysis analysis = Analysis.of(jar, keep);
        Map<String, long[]> byLibrary = new TreeMap<>();
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            for (ZipEntry entry : Collections.list(zip.entries())) {
                if (!analysis.keeps(entry.getName())) {
                    String[] parts = entry.getName().split("/");
                    String library = String.join("/", java.util.Arrays.copyOf(parts, Math.min(4, parts.length - 1)));
                    long[] sums = byLibrary.computeIfAbsent(library, l -> new long[2]);
                    sums[0]++;
                    sums[1] += entry.getCompressedSize() + 2L * entry.getName().length() + 76;
                }
            }
        }
        byLibrary.entrySet().stream()
                .sorted((a, b) -> Long.compare(b.getValue()[1], a.getValue()[1]))
                .forEach(e -> System.out.printf("%8d B %5d entries  %s%n", e.getValue()[1], e.getValue()[0], e.getKey()));
        System.out.printf("classes %d, reachable %d%n", analysis.classes.size(), analysis.reachable.size());
    }

    private static void why(Keep keep, Path jar, String className) throws IOException {
        Analysis analysis = Analysis.of(jar, keep);
        String name = className.replace('.', '/');
        while (name != null) {
            System.out.println(name);
            name = analysis.parent.get(name);
        }
    }

    private static void loaded(String[] args) throws IOException {
        Set<String> names = new TreeSet<>();
        for (int i = 1; i < args.length; i++) {
            for (String line : Files.readAllLines(Path.of(args[i]), StandardCharsets.ISO_8859_1)) {
                Matcher loaded = LOADED.matcher(line);
                if (loaded.find() && !loaded.group(1).startsWith("dev.tally.")) {
                    names.add(loaded.group(1));
                }
            }
        }
        names.forEach(System.out::println);
    }

    /** The keep list: class names (dotted or slashed) and prefixes ending in {@code *}. */
    record Keep(Set<String> names, List<String> prefixes) {

        static Keep read(Path file) throws IOException {
            Set<String> names = new HashSet<>();
            List<String> prefixes = new ArrayList<>();
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                String text = line.strip();
                if (text.isEmpty() || text.startsWith("#")) {
                    continue;
                }
                String name = text.replace('.', '/');
                if (name.endsWith("*")) {
                    prefixes.add(name.substring(0, name.indexOf('*')));
                } else {
                    names.add(name);
                }
            }
            return new Keep(names, prefixes);
        }

        boolean matches(String className) {
            return names.contains(className) || prefixes.stream().anyMatch(className::startsWith);
        }
    }

    /** One class file's references: class names it uses and the string constants it holds. */
    record ClassRefs(Set<String> references, List<String> strings) {}

    /** The classes of one jar and which of them the roots reach. */
    static final class Analysis {
        final Map<String, ClassRefs> classes = new LinkedHashMap<>();
        final Set<String> reachable = new HashSet<>();
        final Set<String> namedRoots = new TreeSet<>();
        final Map<String, String> parent = new java.util.HashMap<>();
        final Set<String> unusedServiceFiles = new TreeSet<>();

        static Analysis of(Path jar, Keep keep) throws IOException {
            Analysis analysis = new Analysis();
            List<String> resourceText = new ArrayList<>();
            Map<String, String> serviceFiles = new LinkedHashMap<>();
            try (ZipFile zip = new ZipFile(jar.toFile())) {
                for (ZipEntry entry : Collections.list(zip.entries())) {
                    String name = entry.getName();
                    if (entry.isDirectory()) {
                        continue;
                    }
                    try (InputStream in = zip.getInputStream(entry)) {
                        byte[] bytes = in.readAllBytes();
                        if (name.endsWith(".class")) {
                            Matcher versioned = VERSIONED.matcher(name);
                            String className = versioned.matches() ? versioned.group(1) : name.substring(0, name.length() - 6);
                            if (className.endsWith("module-info")) {
                                continue;
                            }
                            ClassRefs refs = ConstantPool.read(bytes);
                            ClassRefs known = analysis.classes.get(className);
                            if (known != null) {
                                // A multi-release jar's versioned class: one node with both versions' references.
                                known.references().addAll(refs.references());
                                known.strings().addAll(refs.strings());
                            } else {
                                analysis.classes.put(className, refs);
                            }
                        } else if (name.startsWith(SERVICES) && name.length() > SERVICES.length()) {
                            serviceFiles.put(name.substring(SERVICES.length()).replace('.', '/'),
                                    new String(bytes, StandardCharsets.ISO_8859_1));
                        } else {
                            resourceText.add(new String(bytes, StandardCharsets.ISO_8859_1));
                        }
                    }
                }
            }
            Deque<String> pending = new ArrayDeque<>();
            for (String name : analysis.classes.keySet()) {
                if (name.startsWith("dev/tally/") || keep.matches(name)) {
                    pending.add(name);
                }
            }
            analysis.namedRoots.addAll(keep.names());
            for (String text : resourceText) {
                analysis.addNamed(text, pending, "(resource)");
            }
            // ServiceLoader.load needs the service type: a provider is a root once its service type is
            // reachable; a service of the JDK (not in the jar) is a root at once.
            for (Map.Entry<String, String> service : serviceFiles.entrySet()) {
                if (!analysis.classes.containsKey(service.getKey())) {
                    analysis.addNamed(service.getValue(), pending, "(service file)");
                }
            }
            while (!pending.isEmpty()) {
                String name = pending.poll();
                if (!analysis.reachable.add(name)) {
                    continue;
                }
                String providers = serviceFiles.get(name);
                if (providers != null) {
                    analysis.addNamed(providers, pending, "(service file of " + name + ")");
                }
                ClassRefs refs = analysis.classes.get(name);
                for (String reference : refs.references()) {
                    if (analysis.classes.containsKey(reference) && !analysis.reachable.contains(reference)) {
                        analysis.parent.putIfAbsent(reference, name);
                        pending.add(reference);
                    }
                }
                for (String text : refs.strings()) {
                    analysis.addNamed(text, pending, name);
                }
            }
            for (String service : serviceFiles.keySet()) {
                if (analysis.classes.containsKey(service) && !analysis.reachable.contains(service)) {
                    analysis.unusedServiceFiles.add(SERVICES + service.replace('/', '.'));
                }
            }
            return analysis;
        }

        /** Adds every class of the jar the text names (dotted or slashed, nested as {@code $}) to the pending roots. */
        private void addNamed(String text, Deque<String> pending, String from) {
            Matcher token = NAME_TOKEN.matcher(text);
            while (token.find()) {
                String name = token.group().replace('.', '/');
                // In binary resources (the log4j plugin cache) a name follows its length bytes, which may
                // read as letters: try the token without its first characters too.
                int firstSegment = name.indexOf('/');
                for (int start = 0; start < firstSegment; start++) {
                    String candidate = name.substring(start);
                    if (classes.containsKey(candidate)) {
                        namedRoots.add(candidate);
                        if (!reachable.contains(candidate)) {
                            parent.putIfAbsent(candidate, "string in " + from);
                            pending.add(candidate);
                        }
                        break;
                    }
                }
            }
        }

        /** Whether the trimmed jar keeps the entry. */
        boolean keeps(String entryName) {
            if (entryName.endsWith("/")) {
                return false;
            }
            if (entryName.endsWith(".class")) {
                Matcher versioned = VERSIONED.matcher(entryName);
                String className = versioned.matches() ? versioned.group(1) : entryName.substring(0, entryName.length() - 6);
                return className.endsWith("module-info") || reachable.contains(className);
            }
            return !(unusedServiceFiles.contains(entryName)
                    || entryName.endsWith(".java")
                    || entryName.endsWith(".java.vm")
                    || entryName.endsWith(".dtd")
                    || entryName.endsWith(".xsd")
                    || entryName.startsWith("META-INF/proguard/"));
        }
    }

    /**
     * Removes the {@code LocalVariableTable} and {@code LocalVariableTypeTable} attributes of every method's
     * code: debugger data (local variable names and their scopes) that nothing running reads — the verifier
     * uses the StackMapTable, reflection's parameter names the MethodParameters attribute. Line numbers
     * ({@code LineNumberTable}) and source file names stay, so stack traces keep their lines. The
     * constant pool is copied unchanged.
     */
    static final class DebugStrip {

        static byte[] withoutLocalVariableTables(byte[] bytes) throws IOException {
            java.nio.ByteBuffer in = java.nio.ByteBuffer.wrap(bytes);
            java.io.ByteArrayOutputStream buffer = new java.io.ByteArrayOutputStream(bytes.length);
            java.io.DataOutputStream out = new java.io.DataOutputStream(buffer);
            in.position(8);
            int count = in.getShort() & 0xFFFF;
            String[] utf8 = new String[count];
            for (int i = 1; i < count; i++) {
                int tag = in.get() & 0xFF;
                switch (tag) {
                    case 1 -> {
                        int length = in.getShort() & 0xFFFF;
                        utf8[i] = new DataInputStream(new ByteArrayInputStream(bytes, in.position() - 2, length + 2)).readUTF();
                        in.position(in.position() + length);
                    }
                    case 3, 4, 9, 10, 11, 12, 17, 18 -> in.position(in.position() + 4);
                    case 5, 6 -> {
                        in.position(in.position() + 8);
                        i++;
                    }
                    case 7, 8, 16, 19, 20 -> in.position(in.position() + 2);
                    case 15 -> in.position(in.position() + 3);
                    default -> throw new IOException("unknown constant pool tag " + tag);
                }
            }
            out.write(bytes, 0, in.position());
            copy(in, out, 6);
            int interfaces = in.getShort() & 0xFFFF;
            out.writeShort(interfaces);
            copy(in, out, 2 * interfaces);
            for (int kind = 0; kind < 2; kind++) {
                int members = in.getShort() & 0xFFFF;
                out.writeShort(members);
                for (int m = 0; m < members; m++) {
                    copy(in, out, 6);
                    int attributes = in.getShort() & 0xFFFF;
                    out.writeShort(attributes);
                    for (int a = 0; a < attributes; a++) {
                        int nameIndex = in.getShort() & 0xFFFF;
                        int length = in.getInt();
                        if ("Code".equals(utf8[nameIndex])) {
                            byte[] code = strippedCode(in, length, utf8);
                            out.writeShort(nameIndex);
                            out.writeInt(code.length);
                            out.write(code);
                        } else {
                            out.writeShort(nameIndex);
                            out.writeInt(length);
                            copy(in, out, length);
                        }
                    }
                }
            }
            copy(in, out, in.remaining());
            return buffer.toByteArray();
        }

        private static byte[] strippedCode(java.nio.ByteBuffer in, int length, String[] utf8) throws IOException {
            int end = in.position() + length;
            java.io.ByteArrayOutputStream buffer = new java.io.ByteArrayOutputStream(length);
            java.io.DataOutputStream out = new java.io.DataOutputStream(buffer);
            copy(in, out, 4);
            int codeLength = in.getInt();
            out.writeInt(codeLength);
            copy(in, out, codeLength);
            int handlers = in.getShort() & 0xFFFF;
            out.writeShort(handlers);
            copy(in, out, 8 * handlers);
            int attributes = in.getShort() & 0xFFFF;
            java.io.ByteArrayOutputStream kept = new java.io.ByteArrayOutputStream();
            java.io.DataOutputStream keptOut = new java.io.DataOutputStream(kept);
            int keptCount = 0;
            for (int a = 0; a < attributes; a++) {
                int nameIndex = in.getShort() & 0xFFFF;
                int attributeLength = in.getInt();
                String name = utf8[nameIndex];
                if ("LocalVariableTable".equals(name) || "LocalVariableTypeTable".equals(name)) {
                    in.position(in.position() + attributeLength);
                    continue;
                }
                keptCount++;
                keptOut.writeShort(nameIndex);
                keptOut.writeInt(attributeLength);
                copy(in, keptOut, attributeLength);
            }
            if (in.position() != end) {
                throw new IOException("malformed Code attribute");
            }
            out.writeShort(keptCount);
            kept.writeTo(out);
            return buffer.toByteArray();
        }

        private static void copy(java.nio.ByteBuffer in, java.io.DataOutputStream out, int length) throws IOException {
            out.write(in.array(), in.position(), length);
            in.position(in.position() + length);
        }
    }

    /** Reads the class names and string constants of a class file's constant pool. */
    static final class ConstantPool {

        static ClassRefs read(byte[] bytes) throws IOException {
            DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes));
            in.skipBytes(8);
            int count = in.readUnsignedShort();
            String[] utf8 = new String[count];
            int[] classIndex = new int[count];
            int[] stringIndex = new int[count];
            for (int i = 1; i < count; i++) {
                int tag = in.readUnsignedByte();
                switch (tag) {
                    case 1 -> utf8[i] = in.readUTF();
                    case 3, 4 -> in.skipBytes(4);
                    case 5, 6 -> {
                        in.skipBytes(8);
                        i++;
                    }
                    case 7 -> classIndex[i] = in.readUnsignedShort();
                    case 8 -> stringIndex[i] = in.readUnsignedShort();
                    case 16, 19, 20 -> in.skipBytes(2);
                    case 9, 10, 11, 12, 17, 18 -> in.skipBytes(4);
                    case 15 -> in.skipBytes(3);
                    default -> throw new IOException("unknown constant pool tag " + tag);
                }
            }
            Set<String> names = new HashSet<>();
            for (int index : classIndex) {
                if (index != 0) {
                    String name = utf8[index];
                    int dimensions = 0;
                    while (dimensions < name.length() && name.charAt(dimensions) == '[') {
                        dimensions++;
                    }
                    name = name.substring(dimensions);
                    names.add(dimensions > 0 && name.startsWith("L") ? name.substring(1, name.length() - 1) : name);
                }
            }
            // Descriptors and generic signatures of fields, methods, annotations and invokedynamic sites.
            for (String text : utf8) {
                if (text != null && text.indexOf('L') >= 0 && text.indexOf(';') > 0) {
                    Matcher descriptor = DESCRIPTOR_CLASS.matcher(text);
                    while (descriptor.find()) {
                        names.add(descriptor.group(1));
                    }
                }
            }
            List<String> strings = new ArrayList<>();
            for (int index : stringIndex) {
                if (index != 0 && utf8[index] != null) {
                    strings.add(utf8[index]);
                }
            }
            return new ClassRefs(names, strings);
        }
    }

    private JarTrim() {}
}
