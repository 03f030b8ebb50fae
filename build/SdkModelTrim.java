import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The AWS SDK service-model classes a function jar does not need (ADR 0108), found by class references.
 *
 * <p>A service SDK's generated {@code Default<Service>Client} and {@code <Service>Client} name every
 * operation's request, response, marshaller and paginator; those in turn name the model shapes only
 * those operations use. Tally calls six DynamoDB operations, two of SQS and one of Secrets Manager.
 * The operations kept are the ones Tally's own classes ({@code dev/tally/**}) invoke on a client
 * interface (read from their bytecode: a new call keeps its operation by itself). The classes kept are
 * everything reachable through constant-pool references from every class outside the services'
 * {@code model/}, {@code transform/} and {@code paginators/} packages, from the kept operations' classes,
 * from every modelled exception (the client registers all of them) and from every operation's
 * {@code *Request} class (the verifier loads them all when it links the client) — except that the
 * references of the two client types and of the unused operations' requests are not followed
 * (they run only when such an operation is called, which Tally's code never does).
 *
 * <pre>
 *   java build/SdkModelTrim.java --excludes JAR...   print the pom properties: classes unreachable in every jar
 *   java build/SdkModelTrim.java --check JAR...      exit 1 if a reachable class names a model class the jar lacks
 * </pre>
 *
 * Run {@code --excludes} on jars built without the cut ({@code -Dsdk.trim.dynamodb=none} etc., see the parent
 * pom) and paste its output over the {@code sdk.trim.*} properties; the function modules' ShadedJarSmokeITs
 * run {@code --check} on every function jar, so a class the cut removed but the code needs fails the build.
 */
public final class SdkModelTrim {

    private static final String SERVICES = "software/amazon/awssdk/services/";
    private static final Pattern ZONE = Pattern.compile("software/amazon/awssdk/services/(\\w+)/(model|transform|paginators)/.*");
    private static final Pattern CLIENT_TYPE = Pattern.compile("software/amazon/awssdk/services/(\\w+)/(Default)?\\w+Client");
    private static final Pattern REQUEST = Pattern.compile("software/amazon/awssdk/services/(\\w+)/model/(\\w+)Request");
    private static final Pattern DESCRIPTOR_CLASS = Pattern.compile("L([\\w/$]+)[;<]");

    public static void main(String[] args) throws IOException {
        if (args.length < 2) {
            throw new IllegalArgumentException("usage: --excludes JAR... | --check JAR...");
        }
        List<Path> jars = new ArrayList<>();
        for (int i = 1; i < args.length; i++) {
            jars.add(Path.of(args[i]));
        }
        switch (args[0]) {
            case "--excludes" -> printExcludes(jars);
            case "--check" -> {
                boolean failed = false;
                for (Path jar : jars) {
                    Analysis analysis = Analysis.of(jar);
                    Set<String> missing = analysis.missing();
                    System.out.println(jar.getFileName() + ": operations " + analysis.operations + "; "
                            + analysis.classes.size() + " classes; missing model classes: " + missing.size());
                    if (!missing.isEmpty()) {
                        failed = true;
                        missing.forEach(name -> System.out.println("  MISSING " + name));
                    }
                }
                if (failed) {
                    System.exit(1);
                }
            }
            default -> throw new IllegalArgumentException("unknown mode " + args[0]);
        }
    }

    private static void printExcludes(List<Path> jars) throws IOException {
        // A class leaves the jars when it is unreachable in every jar that carries it.
        Set<String> all = new HashSet<>();
        Set<String> reachableSomewhere = new HashSet<>();
        for (Path jar : jars) {
            Analysis analysis = Analysis.of(jar);
            all.addAll(analysis.classes.keySet());
            Set<String> unreachable = analysis.unreachableZoneClasses();
            for (String name : analysis.classes.keySet()) {
                if (!unreachable.contains(name)) {
                    reachableSomewhere.add(name);
                }
            }
            System.err.println(jar.getFileName() + ": operations " + analysis.operations + "; unreachable "
                    + unreachable.size());
        }
        Set<String> removable = new TreeSet<>(all);
        removable.removeAll(reachableSomewhere);
        // One property per service: the top-level classes whose entries (with nested classes) leave the jars.
        Map<String, Set<String>> byService = new TreeMap<>();
        for (String name : removable) {
            Matcher zone = ZONE.matcher(name);
            if (!zone.matches()) {
                continue;
            }
            String relative = name.substring((SERVICES + zone.group(1) + "/").length());
            int nested = relative.indexOf('$');
            byService.computeIfAbsent(zone.group(1), s -> new TreeSet<>())
                    .add(nested < 0 ? relative : relative.substring(0, nested));
        }
        // A top-level class is removed only with all of its nested classes (the pattern takes them all).
        // A top-level class that stays (an unused operation's *Request: the verifier loads it, nothing
        // links it) loses its nested classes when all of them are unreachable: "Top[$][A-Za-z0-9_]+"
        // (no backslash: the shade plugin turns every backslash of a filter into a slash) (ADR 0176).
        Set<String> removed = removable;
        for (Map.Entry<String, Set<String>> service : byService.entrySet()) {
            String prefix = SERVICES + service.getKey() + "/";
            Set<String> nestedOnly = new TreeSet<>();
            service.getValue().removeIf(top -> {
                boolean nestedAllRemoved = all.stream()
                        .filter(name -> name.startsWith(prefix + top + "$"))
                        .allMatch(removed::contains);
                boolean topRemoved = removed.contains(prefix + top);
                boolean hasNested = all.stream().anyMatch(name -> name.startsWith(prefix + top + "$"));
                if (!topRemoved && hasNested && nestedAllRemoved) {
                    nestedOnly.add(top + "[$][A-Za-z0-9_]+");
                }
                return !(topRemoved && nestedAllRemoved);
            });
            service.getValue().addAll(nestedOnly);
        }
        for (Map.Entry<String, Set<String>> service : byService.entrySet()) {
            System.out.println("    <sdk.trim." + service.getKey() + ">%regex[(?x) software/amazon/awssdk/services/"
                    + service.getKey() + "/(");
            List<String> names = new ArrayList<>(service.getValue());
            for (int i = 0; i < names.size(); i++) {
                System.out.println("      " + names.get(i) + (i + 1 < names.size() ? " |" : ""));
            }
            System.out.println("      )([$].*)?[.]class]</sdk.trim." + service.getKey() + ">");
        }
    }

    /** The classes of one jar and what is reachable from the roots. */
    static final class Analysis {
        final Map<String, Set<String>> classes = new HashMap<>();
        final Map<String, Set<String>> operations = new TreeMap<>();
        final Set<String> services = new TreeSet<>();
        private final Set<String> reachable = new HashSet<>();
        private final Set<String> dangling = new TreeSet<>();

        static Analysis of(Path jar) throws IOException {
            Analysis analysis = new Analysis();
            Map<String, List<String[]>> methodRefs = new LinkedHashMap<>();
            try (ZipFile zip = new ZipFile(jar.toFile())) {
                for (ZipEntry entry : java.util.Collections.list(zip.entries())) {
                    String name = entry.getName();
                    if (!name.endsWith(".class") || name.startsWith("META-INF/")) {
                        continue;
                    }
                    String className = name.substring(0, name.length() - ".class".length());
                    Matcher zone = ZONE.matcher(className);
                    if (zone.matches()) {
                        analysis.services.add(zone.group(1));
                    }
                    try (InputStream in = zip.getInputStream(entry)) {
                        ConstantPool pool = ConstantPool.read(in.readAllBytes());
                        analysis.classes.put(className, pool.classNames());
                        if (className.startsWith("dev/tally/")) {
                            methodRefs.put(className, pool.methodRefs());
                        }
                    }
                }
            }
            for (List<String[]> refs : methodRefs.values()) {
                for (String[] ref : refs) {
                    Matcher client = CLIENT_TYPE.matcher(ref[0]);
                    if (client.matches() && client.group(2) == null) {
                        String operation = Character.toUpperCase(ref[1].charAt(0)) + ref[1].substring(1);
                        operation = operation.endsWith("Paginator")
                                ? operation.substring(0, operation.length() - "Paginator".length())
                                : operation;
                        if (analysis.classes.containsKey(SERVICES + client.group(1) + "/model/" + operation + "Request")) {
                            analysis.operations.computeIfAbsent(client.group(1), s -> new TreeSet<>()).add(operation);
                        }
                    }
                }
            }
            analysis.walk();
            return analysis;
        }

        private boolean keptOperationClass(String service, String relative) {
            for (String operation : operations.getOrDefault(service, Set.of())) {
                for (String kind : List.of("Request", "Response", "Iterable")) {
                    for (String folder : List.of("model/", "transform/", "paginators/")) {
                        if (relative.startsWith(folder + operation + kind)) {
                            return true;
                        }
                    }
                }
            }
            return false;
        }

        private boolean unusedRequest(String name) {
            Matcher request = REQUEST.matcher(name);
            return request.matches()
                    && !operations.getOrDefault(request.group(1), Set.of()).contains(request.group(2));
        }

        private boolean root(String name) {
            Matcher zone = ZONE.matcher(name);
            if (!zone.matches()) {
                return true;
            }
            String relative = name.substring((SERVICES + zone.group(1) + "/").length());
            return keptOperationClass(zone.group(1), relative)
                    || (relative.startsWith("model/") && relative.endsWith("Exception"))
                    || REQUEST.matcher(name).matches();
        }

        private void walk() {
            Deque<String> pending = new ArrayDeque<>();
            for (String name : classes.keySet()) {
                if (root(name)) {
                    pending.add(name);
                }
            }
            while (!pending.isEmpty()) {
                String name = pending.poll();
                if (!reachable.add(name)) {
                    continue;
                }
                boolean cut = CLIENT_TYPE.matcher(name).matches() || unusedRequest(name);
                for (String reference : classes.get(name)) {
                    boolean inZone = ZONE.matcher(reference).matches();
                    if (cut && inZone && !root(reference)) {
                        continue;
                    }
                    if (classes.containsKey(reference)) {
                        if (!reachable.contains(reference)) {
                            pending.add(reference);
                        }
                    } else if (inZone && servicePresent(reference)) {
                        dangling.add(reference + " (named by " + name + ")");
                    }
                }
            }
        }

        /** Whether the jar carries the service SDK of a model class at all (common names services a jar may leave out). */
        private boolean servicePresent(String zoneClass) {
            Matcher zone = ZONE.matcher(zoneClass);
            zone.matches();
            return services.contains(zone.group(1));
        }

        Set<String> unreachableZoneClasses() {
            Set<String> unreachable = new TreeSet<>();
            for (String name : classes.keySet()) {
                if (!reachable.contains(name) && ZONE.matcher(name).matches()) {
                    unreachable.add(name);
                }
            }
            return unreachable;
        }

        Set<String> missing() {
            return dangling;
        }
    }

    /** The class names a class file's constant pool refers to, and its method references. */
    record ConstantPool(String[] utf8, int[] classIndex, int[][] refs, int[][] nameAndType) {

        static ConstantPool read(byte[] bytes) throws IOException {
            DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(bytes));
            in.skipBytes(8);
            int count = in.readUnsignedShort();
            String[] utf8 = new String[count];
            int[] classIndex = new int[count];
            int[][] refs = new int[count][];
            int[][] nameAndType = new int[count][];
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
                    case 8, 16, 19, 20 -> in.skipBytes(2);
                    case 9, 10, 11 -> refs[i] = new int[] {in.readUnsignedShort(), in.readUnsignedShort()};
                    case 12 -> nameAndType[i] = new int[] {in.readUnsignedShort(), in.readUnsignedShort()};
                    case 15 -> in.skipBytes(3);
                    case 17, 18 -> in.skipBytes(4);
                    default -> throw new IOException("unknown constant pool tag " + tag);
                }
            }
            return new ConstantPool(utf8, classIndex, refs, nameAndType);
        }

        Set<String> classNames() {
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
            for (String text : utf8) {
                if (text != null && text.indexOf('L') >= 0 && text.indexOf(';') > 0) {
                    Matcher descriptor = DESCRIPTOR_CLASS.matcher(text);
                    while (descriptor.find()) {
                        names.add(descriptor.group(1));
                    }
                }
            }
            return names;
        }

        List<String[]> methodRefs() {
            List<String[]> methods = new ArrayList<>();
            for (int[] ref : refs) {
                if (ref != null) {
                    methods.add(new String[] {utf8[classIndex[ref[0]]], utf8[nameAndType[ref[1]][0]]});
                }
            }
            return methods;
        }
    }
}
