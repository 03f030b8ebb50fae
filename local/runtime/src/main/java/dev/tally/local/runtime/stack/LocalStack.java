package dev.tally.local.runtime.stack;

import dev.tally.local.dynamodb.EmbeddedDynamoDb;
import dev.tally.local.runtime.esm.SqsEventSource;
import dev.tally.local.runtime.esm.SqsEventSourceMapping;
import dev.tally.local.runtime.esm.StreamEventSource;
import dev.tally.local.runtime.esm.StreamEventSourceMapping;
import dev.tally.local.runtime.http.ApiDocs;
import dev.tally.local.runtime.http.HttpApiServer;
import dev.tally.local.runtime.http.Route;
import dev.tally.local.runtime.http.RouteTable;
import dev.tally.local.runtime.lambda.AotCaches;
import dev.tally.local.runtime.lambda.AotTraining;
import dev.tally.local.runtime.lambda.ContainerLauncher;
import dev.tally.local.runtime.lambda.FilePlatformLog;
import dev.tally.local.runtime.lambda.FunctionSpec;
import dev.tally.local.runtime.lambda.JdkLocator;
import dev.tally.local.runtime.lambda.LocalLambda;
import dev.tally.local.runtime.lambda.PlatformLog;
import dev.tally.local.runtime.observability.FunctionLogs;
import dev.tally.local.runtime.observability.ObservabilityServer;
import dev.tally.local.runtime.secrets.LocalSecretsManager;
import dev.tally.local.runtime.secrets.SecretStore;
import dev.tally.local.runtime.sqs.EmbeddedSqs;
import dev.tally.local.runtime.template.FunctionDefinition;
import dev.tally.local.runtime.template.IntrinsicResolver;
import dev.tally.local.runtime.template.ResolutionContext;
import dev.tally.local.runtime.template.SamTemplate;
import dev.tally.local.runtime.template.TemplateMap;
import dev.tally.local.runtime.template.TemplateReader;
import dev.tally.local.runtime.template.TemplateScalar;
import dev.tally.local.runtime.xray.FunctionSegments;
import dev.tally.local.runtime.xray.XRayDaemonSink;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Tally on one machine, from {@code template.yaml}: DynamoDB (embedded, with Streams), SQS
 * (embedded, local/sqs), a Secrets Manager endpoint, an X-Ray daemon sink, the tables, queues and secrets the
 * template declares, each function in its own containers, the event source mappings and the HTTP
 * API. Closing it stops everything in reverse order; no container outlives it.
 */
public final class LocalStack implements AutoCloseable {

    private final Deque<AutoCloseable> started = new ArrayDeque<>();
    private final Map<String, URI> endpoints = new LinkedHashMap<>();
    private LocalLambda lambda;
    private String functionAccessKeyId;

    private LocalStack() {}

    /** Starts the stack; on any failure, stops what was started and rethrows with the reason. */
    public static LocalStack start(StackOptions options) throws IOException {
        LocalStack stack = new LocalStack();
        try {
            stack.boot(options);
            return stack;
        } catch (IOException | RuntimeException e) {
            stack.close();
            throw e;
        }
    }

    private void boot(StackOptions options) throws IOException {
        PrintStream console = options.console();
        SamTemplate template = TemplateReader.read(options.templateFile());
        LocalSupport.Verdict verdict = LocalSupport.check(template);
        if (!verdict.unsupported().isEmpty()) {
            throw new UnsupportedTemplateException(verdict.unsupported());
        }
        Path data = options.dataDirectory().toAbsolutePath();
        if (options.fresh()) {
            deleteRecursively(data);
        }
        Files.createDirectories(data);

        URI dynamoDbEndpoint = options.dynamoDbEndpoint();
        if (dynamoDbEndpoint == null) {
            EmbeddedDynamoDb dynamoDb = EmbeddedDynamoDb.builder()
                    .port(0)
                    .region(options.region())
                    .dataDirectory(data.resolve("dynamodb"))
                    .start();
            started.push(dynamoDb);
            dynamoDbEndpoint = dynamoDb.endpoint();
        }
        URI sqsEndpoint = options.sqsEndpoint();
        if (sqsEndpoint == null) {
            EmbeddedSqs sqs = EmbeddedSqs.start(0, options.region(), LocalLambda.ACCOUNT_ID, data.resolve("sqs"));
            started.push(sqs);
            sqsEndpoint = sqs.endpoint();
        }
        SecretStore secrets = new SecretStore(data.resolve("secrets.json"));
        // The functions' credentials are made per run: the Secrets Manager serves only requests signed with this key
        // id.
        String runAccessKeyId = "ASIALOCAL" + randomHex(8).toUpperCase(java.util.Locale.ROOT);
        functionAccessKeyId = runAccessKeyId;
        String runSecretAccessKey = randomHex(20);
        LocalSecretsManager secretsManager = new LocalSecretsManager(secrets, runAccessKeyId);
        started.push(secretsManager);
        XRayDaemonSink xray = new XRayDaemonSink(data.resolve("traces.jsonl"));
        started.push(xray);
        LocalClients clients = new LocalClients(options.region(), sqsEndpoint, dynamoDbEndpoint);
        started.push(clients);
        endpoints.put("DynamoDB", dynamoDbEndpoint);
        endpoints.put("SQS", sqsEndpoint);
        endpoints.put("Secrets Manager", secretsManager.endpoint());

        ResourceProvisioner provisioner = new ResourceProvisioner(
                template, baseContext(options), options.stackName(), options.region(), LocalLambda.ACCOUNT_ID);
        List<String> tables = provisioner.tables(clients.dynamoDb());
        List<String> queues = provisioner.queues(clients.sqs());
        List<String> secretNames = provisioner.secrets(secrets, secretsManager);
        String apiBase = "http://127.0.0.1:" + options.port();
        for (FunctionDefinition function : template.functions()) {
            provisioner.register(
                    function.logicalId(),
                    function.logicalId(),
                    Map.of(
                            "Arn",
                            "arn:aws:lambda:" + options.region() + ":" + LocalLambda.ACCOUNT_ID + ":function:"
                                    + function.logicalId()));
        }
        template.resourcesOfType("AWS::Serverless::HttpApi")
                .forEach(api -> provisioner.register(api.logicalId(), "local", Map.of("ApiEndpoint", apiBase)));

        TemplateFunctions functions = new TemplateFunctions(
                new IntrinsicResolver(template, provisioner.context()),
                provisioner.queueUrlsByArn(),
                options.codeRoot(),
                options.maxContainersPerFunction());
        List<FunctionSpec> specs = new ArrayList<>();
        Map<String, JdkLocator.Jdk> jdks = new LinkedHashMap<>();
        JdkLocator jdkLocator = JdkLocator.standard(options.jdk());
        List<Route> routes = new ArrayList<>();
        List<SqsEventSource> sqsSources = new ArrayList<>();
        List<StreamEventSource> streamSources = new ArrayList<>();
        for (FunctionDefinition function : template.functions()) {
            FunctionSpec spec = functions.spec(function);
            if (!Files.isRegularFile(spec.codeJar())) {
                throw new IllegalStateException("Resources." + function.logicalId() + ".Properties.CodeUri: "
                        + spec.codeJar() + " does not exist; build it first (mvn -DskipTests package)");
            }
            specs.add(spec);
            jdks.put(spec.name(), jdkLocator.locate(function.logicalId(), function.runtime()));
            routes.addAll(functions.routes(function));
            sqsSources.addAll(functions.sqsSources(function));
            streamSources.addAll(functions.streamSources(function));
        }

        Map<String, String> platform = new LinkedHashMap<>();
        platform.put("AWS_REGION", options.region());
        platform.put("AWS_DEFAULT_REGION", options.region());
        platform.put("AWS_ACCESS_KEY_ID", runAccessKeyId);
        platform.put("AWS_SECRET_ACCESS_KEY", runSecretAccessKey);
        platform.put("AWS_ENDPOINT_URL_DYNAMODB", dynamoDbEndpoint.toString());
        platform.put("AWS_ENDPOINT_URL_SQS", sqsEndpoint.toString());
        platform.put(
                "AWS_ENDPOINT_URL_SECRETS_MANAGER", secretsManager.endpoint().toString());
        platform.put("AWS_XRAY_DAEMON_ADDRESS", xray.address());
        platform.put("_AWS_XRAY_DAEMON_ADDRESS", xray.address().split(":")[0]);
        platform.put("_AWS_XRAY_DAEMON_PORT", xray.address().split(":")[1]);
        platform.put("AWS_XRAY_CONTEXT_MISSING", "LOG_ERROR");
        Path logs = data.resolve("logs");
        FunctionLogs functionLogs = new FunctionLogs(
                new FilePlatformLog(console, data.resolve("reports.jsonl")), logs, logFormats(template));
        started.push(functionLogs);
        PlatformLog log = new FunctionSegments(functionLogs, xray, options.region());
        ObservabilityServer observability = new ObservabilityServer(data.resolve("traces.jsonl"), logs, 0, 100);
        started.push(observability);
        endpoints.put("X-Ray API", observability.endpoint());
        endpoints.put("CloudWatch Logs", observability.endpoint());
        ContainerLauncher launcher = new ContainerLauncher(
                data.resolve("tasks"),
                platform,
                options.jvmFlags(),
                jdks::get,
                options.aotCache() ? new AotCaches(data.resolve("aot")) : null);
        lambda = new LocalLambda(specs, launcher, log, options.region(), options.idleTimeout());
        started.push(lambda);
        Map<String, String> aotStates = new LinkedHashMap<>();
        for (FunctionSpec spec : specs) {
            if (options.aotCache()
                    && AotCaches.supports(launcher.jdk(spec))
                    && !launcher.aotCaches().isReady(spec)) {
                console.println("Training the AOT cache of " + spec.name() + " (once per jar)...");
            }
            aotStates.put(spec.name(), AotTraining.train(spec, launcher, log, lambda.functionArn(spec.name())));
        }
        for (SqsEventSource source : sqsSources) {
            SqsEventSourceMapping mapping = new SqsEventSourceMapping(source, clients.sqs(), lambda, options.region());
            mapping.start();
            started.push(mapping);
        }
        for (StreamEventSource source : streamSources) {
            StreamEventSourceMapping mapping =
                    new StreamEventSourceMapping(source, clients.streams(), clients.sqs(), lambda, options.region());
            mapping.start();
            started.push(mapping);
        }
        HttpApiServer api = new HttpApiServer(options.port(), new RouteTable(routes), lambda, LocalLambda.ACCOUNT_ID);
        started.push(api);
        endpoints.put("API", api.endpoint());
        URI docs = ApiDocs.register(api, options.codeRoot());
        if (docs != null) {
            endpoints.put("API docs", docs);
        }

        console.println("Tally local runtime: " + options.templateFile() + " (data in " + data + ")");
        endpoints.forEach((name, uri) -> console.println("  " + String.format("%-16s", name) + uri));
        console.println("  X-Ray daemon    udp://" + xray.address());
        console.println("  Tables          " + String.join(", ", tables));
        console.println("  Queues          " + String.join(", ", queues));
        console.println("  Secrets         " + String.join(", ", secretNames));
        for (FunctionSpec spec : specs) {
            JdkLocator.Jdk jdk = launcher.jdk(spec);
            console.println("  Function        " + String.format("%-26s", spec.name()) + " JDK " + jdk.feature() + " ("
                    + jdk.home() + "), " + aotStates.get(spec.name()));
        }
        routes.forEach(
                route -> console.println("  Route           " + route.routeKey() + " -> " + route.functionName()));
        sqsSources.forEach(s -> console.println("  SQS mapping     " + s.queueArn() + " -> " + s.functionName()));
        streamSources.forEach(s -> console.println("  Stream mapping  " + s.streamArn() + " -> " + s.functionName()));
        LocalSupport.summarize(verdict.inert()).forEach(line -> console.println("  Not emulated    " + line));
    }

    /** Each function's {@code LoggingConfig.LogFormat} (Text or JSON), where the template sets one. */
    private static Map<String, String> logFormats(SamTemplate template) {
        Map<String, String> formats = new LinkedHashMap<>();
        for (FunctionDefinition function : template.functions()) {
            function.properties()
                    .get("LoggingConfig")
                    .filter(TemplateMap.class::isInstance)
                    .map(TemplateMap.class::cast)
                    .flatMap(config -> config.get("LogFormat"))
                    .filter(TemplateScalar.class::isInstance)
                    .map(value -> ((TemplateScalar) value).text())
                    .ifPresent(format -> formats.put(function.logicalId(), format));
        }
        return formats;
    }

    private static String randomHex(int bytes) {
        byte[] random = new byte[bytes];
        new java.security.SecureRandom().nextBytes(random);
        return java.util.HexFormat.of().formatHex(random);
    }

    private static ResolutionContext baseContext(StackOptions options) {
        Map<String, String> pseudo = Map.of(
                "AWS::StackName",
                options.stackName(),
                "AWS::Region",
                options.region(),
                "AWS::AccountId",
                LocalLambda.ACCOUNT_ID,
                "AWS::Partition",
                "aws",
                "AWS::URLSuffix",
                "amazonaws.com",
                "AWS::StackId",
                "arn:aws:cloudformation:" + options.region() + ":" + LocalLambda.ACCOUNT_ID + ":stack/"
                        + options.stackName() + "/local");
        return new ResolutionContext(Map.of(), pseudo, Map.of(), Map.of());
    }

    /**
     * The endpoints by name: {@code DynamoDB}, {@code SQS}, {@code Secrets Manager}, {@code X-Ray API},
     * {@code CloudWatch Logs}, {@code API}, {@code API docs}.
     */
    public Map<String, URI> endpoints() {
        return Map.copyOf(endpoints);
    }

    /** The access key id the functions sign with this run (the local Secrets Manager answers no other). */
    public String functionAccessKeyId() {
        return functionAccessKeyId;
    }

    /** The local Lambda service (for tests and the cold-start report). */
    public LocalLambda lambda() {
        return lambda;
    }

    private static void deleteRecursively(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    /** Stops everything, most recently started first. */
    @Override
    public void close() {
        while (!started.isEmpty()) {
            try {
                started.pop().close();
            } catch (Exception e) {
                System.err.println("while stopping: " + e.getClass().getSimpleName() + ": " + e.getMessage());
            }
        }
    }
}
