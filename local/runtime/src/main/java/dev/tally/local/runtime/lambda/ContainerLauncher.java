package dev.tally.local.runtime.lambda;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the command line and environment of a function container: a JVM running the AWS Lambda
 * Java Runtime Interface Client with the function's jar deployed in its task root, as Lambda's
 * managed Java runtime does.
 *
 * <p>The task root is a directory whose {@code lib/} holds the function's jar; the client's
 * {@code CustomerClassLoader} loads {@code <user.dir>/lib/*.jar} on top of the runtime's own
 * classpath (the client, {@code aws-lambda-java-core} and {@code -serialization}), so the
 * function's classes are separated from the runtime's exactly as on AWS.
 */
public final class ContainerLauncher {

    static final String CLIENT_MAIN = "com.amazonaws.services.lambda.runtime.api.client.AWSLambda";
    /** The classes whose jars make up the runtime classpath of a container. */
    private static final List<String> RUNTIME_CLASSES = List.of(
            CLIENT_MAIN,
            "com.amazonaws.services.lambda.runtime.Context",
            "com.amazonaws.services.lambda.runtime.serialization.PojoSerializer",
            "software.amazon.awssdk.utilslite.SdkInternalThreadLocal");

    private final Path workDirectory;
    private final Map<String, String> platformEnvironment;
    private final List<String> jvmFlags;
    private final String runtimeClasspath;
    private final java.util.function.Function<String, JdkLocator.Jdk> jdks;
    private final AotCaches aotCaches;
    /** The client's JNI library, unpacked once per launcher (see {@link #nativeLibraryFlag()}). */
    private Path nativeLibrary;

    /**
     * @param workDirectory where the task roots are made (one per function)
     * @param platformEnvironment variables every container gets (region, credentials, endpoints, X-Ray address)
     * @param jvmFlags flags for every container JVM beyond the heap size
     */
    public ContainerLauncher(Path workDirectory, Map<String, String> platformEnvironment, List<String> jvmFlags) {
        this(workDirectory, platformEnvironment, jvmFlags, name -> currentJdk(), null);
    }

    /**
     * @param workDirectory where the task roots are made (one per function)
     * @param platformEnvironment variables every container gets (region, credentials, endpoints, X-Ray address)
     * @param jvmFlags flags for every container JVM beyond the heap size
     * @param jdks the JDK each function runs on, by function name (see {@link JdkLocator})
     * @param aotCaches the local AOT caches, or null to run without them
     */
    public ContainerLauncher(
            Path workDirectory,
            Map<String, String> platformEnvironment,
            List<String> jvmFlags,
            java.util.function.Function<String, JdkLocator.Jdk> jdks,
            AotCaches aotCaches) {
        this.workDirectory = workDirectory;
        this.platformEnvironment = Map.copyOf(platformEnvironment);
        this.jvmFlags = List.copyOf(jvmFlags);
        this.runtimeClasspath = runtimeClasspath();
        this.jdks = jdks;
        this.aotCaches = aotCaches;
    }

    /** The JDK running this local runtime. */
    public static JdkLocator.Jdk currentJdk() {
        return new JdkLocator.Jdk(
                Path.of(System.getProperty("java.home")), Runtime.version().feature());
    }

    /** The JDK a function's containers run on. */
    public JdkLocator.Jdk jdk(FunctionSpec spec) {
        return jdks.apply(spec.name());
    }

    /** The AOT caches, or null when they are off. */
    public AotCaches aotCaches() {
        return aotCaches;
    }

    /** How the function's next container starts: {@code AOT cache <file>}, or why without one. */
    public String aotCacheState(FunctionSpec spec) {
        JdkLocator.Jdk jdk = jdk(spec);
        if (aotCaches == null) {
            return "no AOT cache (off)";
        }
        if (!AotCaches.supports(jdk)) {
            return "no AOT cache (JDK " + jdk.feature() + " has none; needs " + AotCaches.MINIMUM_FEATURE + "+)";
        }
        return aotCaches.isReady(spec)
                ? "AOT cache " + aotCaches.cacheFile(spec).getFileName()
                : "no AOT cache (not trained)";
    }

    /**
     * The JVM defaults of Lambda's java17/java21 runtimes (C1 only, class data sharing, serial GC). They
     * are passed in front of the function's own {@code JAVA_TOOL_OPTIONS}, so a function can override
     * them exactly as on Lambda (the last occurrence of a flag wins).
     */
    public static List<String> defaultJvmFlags() {
        return List.of("-XX:TieredStopAtLevel=1", "-Xshare:auto", "-XX:+UseSerialGC");
    }

    /** Starts a container process for the function, talking to the given Runtime API address. */
    Process launch(FunctionSpec spec, String runtimeApiAddress) throws IOException {
        return launch(spec, runtimeApiAddress, null);
    }

    /**
     * Starts a container; with {@code aotCacheOutput}, a training container that writes its AOT cache
     * there when it exits (and runs the function's priming at init: {@code TALLY_AOT_TRAINING=true}).
     */
    Process launch(FunctionSpec spec, String runtimeApiAddress, Path aotCacheOutput) throws IOException {
        Path taskRoot = taskRoot(spec);
        JdkLocator.Jdk jdk = jdk(spec);
        List<String> command = new ArrayList<>();
        command.add(jdk.java().toString());
        // Lambda's Java runtimes give the heap about 85% of the configured memory.
        command.add("-Xmx" + (spec.memorySizeMb() * 85 / 100) + "m");
        if (jdk.feature() >= 24) {
            // The runtime interface client loads its JNI library from the unnamed module (as Lambda's java25 does,
            // quietly).
            command.add("--enable-native-access=ALL-UNNAMED");
        }
        boolean aot =
                aotCacheOutput != null || (aotCaches != null && AotCaches.supports(jdk) && aotCaches.isReady(spec));
        if (aotCacheOutput != null) {
            command.add("-XX:AOTCacheOutput=" + aotCacheOutput);
            command.add("-Xlog:aot=error");
        } else if (aot) {
            command.add("-XX:AOTCache=" + aotCaches.cacheFile(spec));
        }
        String nativeLibraryFlag = nativeLibraryFlag();
        if (nativeLibraryFlag != null) {
            command.add(nativeLibraryFlag);
        }
        command.add("-cp");
        command.add(runtimeClasspath);
        command.add(CLIENT_MAIN);
        command.add(spec.handler());
        ProcessBuilder builder = new ProcessBuilder(command).directory(taskRoot.toFile());
        Map<String, String> environment = builder.environment();
        String path = environment.get("PATH");
        environment.clear();
        environment.putAll(environment(spec, runtimeApiAddress, taskRoot, path));
        if (aot) {
            // The AOT cache replaces the default CDS archive: the JVM refuses -Xshare with -XX:AOTCache(Output).
            environment.put("JAVA_TOOL_OPTIONS", withoutShareFlags(environment.get("JAVA_TOOL_OPTIONS")));
        }
        if (aotCacheOutput != null) {
            environment.put("TALLY_AOT_TRAINING", "true");
        }
        return builder.start();
    }

    Map<String, String> environment(FunctionSpec spec, String runtimeApiAddress, Path taskRoot, String path) {
        Map<String, String> environment = new LinkedHashMap<>();
        if (path != null) {
            environment.put("PATH", path);
        }
        environment.put("LANG", "en_US.UTF-8");
        environment.put("TZ", "UTC");
        environment.putAll(platformEnvironment);
        environment.putAll(spec.environment());
        environment.put("JAVA_TOOL_OPTIONS", javaToolOptions(spec.environment().get("JAVA_TOOL_OPTIONS")));
        // Reserved variables: set by Lambda, a function cannot override them.
        environment.put("AWS_LAMBDA_RUNTIME_API", runtimeApiAddress);
        environment.put("AWS_LAMBDA_FUNCTION_NAME", spec.name());
        environment.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", Integer.toString(spec.memorySizeMb()));
        environment.put("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST");
        environment.put("AWS_LAMBDA_INITIALIZATION_TYPE", "on-demand");
        environment.put("AWS_LAMBDA_LOG_GROUP_NAME", "/aws/lambda/" + spec.name());
        environment.put("AWS_LAMBDA_LOG_STREAM_NAME", "local/[$LATEST]" + spec.name());
        int feature = jdk(spec).feature();
        environment.put(
                "AWS_EXECUTION_ENV",
                "AWS_Lambda_java" + (feature > 0 ? feature : Runtime.version().feature()));
        environment.put("LAMBDA_TASK_ROOT", taskRoot.toString());
        environment.put("_HANDLER", spec.handler());
        return environment;
    }

    static String withoutShareFlags(String options) {
        return String.join(
                " ",
                java.util.Arrays.stream(options.trim().split("\\s+"))
                        .filter(option -> !option.startsWith("-Xshare:"))
                        .toList());
    }

    /**
     * The defaults the function does not set itself, then the function's own options: a flag both
     * give appears once, with the function's value (which would win anyway, being last), so a
     * template that asks for C1 like Lambda's default does not carry {@code TieredStopAtLevel} twice.
     */
    String javaToolOptions(String functionOptions) {
        if (functionOptions == null || functionOptions.isBlank()) {
            return String.join(" ", jvmFlags);
        }
        List<String> own = List.of(functionOptions.trim().split("\\s+"));
        java.util.Set<String> ownNames = new java.util.HashSet<>();
        own.forEach(flag -> ownNames.add(flagName(flag)));
        List<String> options = new ArrayList<>();
        jvmFlags.stream().filter(flag -> !ownNames.contains(flagName(flag))).forEach(options::add);
        options.addAll(own);
        return String.join(" ", options);
    }

    /** What a JVM flag sets: {@code -XX:+Name}, {@code -XX:-Name} and {@code -XX:Name=v} are one; {@code -Xshare:auto} is {@code -Xshare}. */
    static String flagName(String flag) {
        if (flag.startsWith("-XX:")) {
            String name = flag.substring(4);
            if (name.startsWith("+") || name.startsWith("-")) {
                name = name.substring(1);
            }
            int equals = name.indexOf('=');
            return "-XX:" + (equals < 0 ? name : name.substring(0, equals));
        }
        int colon = flag.indexOf(':');
        if (flag.startsWith("-X") && colon > 0) {
            return flag.substring(0, colon);
        }
        int equals = flag.indexOf('=');
        return flag.startsWith("-D") && equals > 0 ? flag.substring(0, equals) : flag;
    }

    /** The function's task folder, its {@code lib/function.jar} linked to the code jar; safe to call from concurrent starts. */
    Path taskRoot(FunctionSpec spec) throws IOException {
        if (!Files.isRegularFile(spec.codeJar())) {
            throw new IOException(
                    "function " + spec.name() + ": code jar " + spec.codeJar() + " does not exist (build it first)");
        }
        Path lib = workDirectory.resolve(spec.name()).resolve("lib");
        Files.createDirectories(lib);
        // Two containers of one function may start at once: each makes its own link aside and renames
        // it over lib/function.jar (rename replaces atomically), instead of delete-then-create, where
        // the second start failed with FileAlreadyExistsException.
        Path aside = Files.createTempFile(lib, "function.jar.", ".link");
        Files.delete(aside);
        Files.createSymbolicLink(aside, spec.codeJar().toAbsolutePath());
        Files.move(
                aside,
                lib.resolve("function.jar"),
                StandardCopyOption.ATOMIC_MOVE,
                StandardCopyOption.REPLACE_EXISTING);
        return lib.getParent().toAbsolutePath();
    }

    /**
     * Left alone, every container's client copies its JNI library to the one path
     * {@code /tmp/.libaws-lambda-jni.so} (on Lambda, each sandbox has its own /tmp) and loads it; two
     * containers starting together here then rewrite the file while the other maps it, and one dies
     * with SIGBUS. So the library is unpacked once into the work directory (written aside, then
     * moved in place) and every container is pointed at it through the client's own property.
     * Returns null on an architecture the client has no glibc library for (the client then
     * behaves as it does by itself).
     */
    private synchronized String nativeLibraryFlag() throws IOException {
        if (nativeLibrary == null) {
            String arch = System.getProperty("os.arch");
            String name = switch (arch) {
                case "amd64", "x86_64" -> "libaws-lambda-jni.linux-x86_64.so";
                case "aarch64" -> "libaws-lambda-jni.linux-aarch_64.so";
                default -> null;
            };
            if (name == null) {
                return null;
            }
            Path target = workDirectory.resolve(".runtime").resolve("libaws-lambda-jni.so");
            Files.createDirectories(target.getParent());
            try (var in = ContainerLauncher.class.getClassLoader().getResourceAsStream("jni/" + name)) {
                if (in == null) {
                    return null;
                }
                Path partial = Files.createTempFile(target.getParent(), "jni", ".part");
                Files.copy(in, partial, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                Files.move(
                        partial,
                        target,
                        java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                        java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            }
            nativeLibrary = target.toAbsolutePath();
        }
        return "-Dcom.amazonaws.services.lambda.runtime.api.client.runtimeapi.NativeClient.JNI=" + nativeLibrary;
    }

    private static String runtimeClasspath() {
        List<String> entries = new ArrayList<>();
        for (String className : RUNTIME_CLASSES) {
            try {
                Class<?> type = Class.forName(className, false, ContainerLauncher.class.getClassLoader());
                String entry = Path.of(type.getProtectionDomain()
                                .getCodeSource()
                                .getLocation()
                                .toURI())
                        .toString();
                if (!entries.contains(entry)) {
                    entries.add(entry);
                }
            } catch (ClassNotFoundException | URISyntaxException e) {
                throw new IllegalStateException(
                        "the Lambda runtime interface client is not on the runtime's classpath: " + className, e);
            }
        }
        return String.join(java.io.File.pathSeparator, entries);
    }
}
