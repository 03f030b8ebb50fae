package dev.tally.local.runtime.stack;

import dev.tally.local.runtime.esm.SqsEventSource;
import dev.tally.local.runtime.esm.StreamEventSource;
import dev.tally.local.runtime.http.Route;
import dev.tally.local.runtime.lambda.FunctionSpec;
import dev.tally.local.runtime.template.DynamoDbEvent;
import dev.tally.local.runtime.template.FunctionDefinition;
import dev.tally.local.runtime.template.HttpApiEvent;
import dev.tally.local.runtime.template.IntrinsicResolver;
import dev.tally.local.runtime.template.SqsEvent;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the template's functions and their events into what the runtime runs: function specs,
 * SQS and stream event sources, and HTTP routes, with every intrinsic resolved to local values.
 */
final class TemplateFunctions {

    private final IntrinsicResolver resolver;
    private final Map<String, String> queueUrlsByArn;
    private final Path codeRoot;
    private final int maxContainers;

    TemplateFunctions(
            IntrinsicResolver resolver, Map<String, String> queueUrlsByArn, Path codeRoot, int maxContainers) {
        this.resolver = resolver;
        this.queueUrlsByArn = queueUrlsByArn;
        this.codeRoot = codeRoot;
        this.maxContainers = maxContainers;
    }

    FunctionSpec spec(FunctionDefinition function) {
        String where = "Resources." + function.logicalId() + ".Properties.";
        Map<String, String> environment = new LinkedHashMap<>();
        function.environment()
                .forEach((name, value) ->
                        environment.put(name, resolver.resolveString(value, where + "Environment.Variables." + name)));
        Path jar = codeRoot.resolve(function.codeUri()).normalize();
        return new FunctionSpec(
                function.logicalId(),
                function.handler(),
                jar,
                function.memorySizeMb(),
                Duration.ofSeconds(function.timeoutSeconds()),
                environment,
                maxContainers);
    }

    List<Route> routes(FunctionDefinition function) {
        List<Route> routes = new ArrayList<>();
        for (HttpApiEvent event : function.eventsOf(HttpApiEvent.class)) {
            routes.add(new Route(event.method(), event.path(), function.logicalId()));
        }
        return routes;
    }

    List<SqsEventSource> sqsSources(FunctionDefinition function) {
        List<SqsEventSource> sources = new ArrayList<>();
        for (SqsEvent event : function.eventsOf(SqsEvent.class)) {
            if (!event.enabled()) {
                continue;
            }
            String where =
                    "Resources." + function.logicalId() + ".Properties.Events." + event.name() + ".Properties.Queue";
            String arn = resolver.resolveString(event.queue(), where);
            String url = queueUrl(arn, where);
            sources.add(new SqsEventSource(
                    function.logicalId(),
                    url,
                    arn,
                    event.batchSize(),
                    Duration.ofSeconds(event.maximumBatchingWindowInSeconds()),
                    event.reportsBatchItemFailures(),
                    maxContainers));
        }
        return sources;
    }

    List<StreamEventSource> streamSources(FunctionDefinition function) {
        List<StreamEventSource> sources = new ArrayList<>();
        for (DynamoDbEvent event : function.eventsOf(DynamoDbEvent.class)) {
            if (!event.enabled()) {
                continue;
            }
            String where = "Resources." + function.logicalId() + ".Properties.Events." + event.name() + ".Properties.";
            String streamArn = resolver.resolveString(event.stream(), where + "Stream");
            Optional<String> failureQueue = event.onFailure().map(destination -> {
                String path = where + "DestinationConfig.OnFailure.Destination";
                String arn = resolver.resolveString(destination.destination(), path);
                if (arn.endsWith(".fifo")) {
                    throw new IllegalArgumentException(
                            path + ": an on-failure destination must be a standard queue, was " + arn);
                }
                return queueUrl(arn, path);
            });
            sources.add(new StreamEventSource(
                    function.logicalId(),
                    streamArn,
                    event.startingPosition(),
                    event.batchSize(),
                    Duration.ofSeconds(event.maximumBatchingWindowInSeconds()),
                    event.bisectBatchOnFunctionError(),
                    event.maximumRetryAttempts(),
                    event.maximumRecordAgeInSeconds(),
                    event.reportsBatchItemFailures(),
                    failureQueue));
        }
        return sources;
    }

    private String queueUrl(String arn, String where) {
        String url = queueUrlsByArn.get(arn);
        if (url == null) {
            throw new IllegalArgumentException(where + ": " + arn + " is not a queue of this template"
                    + " (only the template's own queues are available locally)");
        }
        return url;
    }
}
