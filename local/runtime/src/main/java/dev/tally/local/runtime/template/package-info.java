/**
 * Reading {@code template.yaml}: CloudFormation/SAM YAML (short-form tags included) into a generic
 * tree with explicit intrinsic nodes, typed views of what the local runtime needs, and an intrinsic
 * resolver.
 *
 * <pre>{@code
 * SamTemplate template = TemplateReader.read(Path.of("template.yaml"));
 * for (FunctionDefinition function : template.functions()) {      // Globals.Function merged in
 *     function.handler(); function.codeUri(); function.timeoutSeconds();
 *     for (SqsEvent event : function.eventsOf(SqsEvent.class)) { event.batchSize(); event.queue(); }
 * }
 * template.httpRoutes();                                           // "POST /debts" -> CommandSubmissionFunction
 * template.tables(); template.queues(); template.secrets(); template.parameters();
 *
 * ResolutionContext context = new ResolutionContext(parameterOverrides,
 *         Map.of("AWS::StackName", "tally", "AWS::Region", "us-east-1"), Map.of(), Map.of())
 *     .withResource("CommandsQueue", queueUrl, Map.of("Arn", queueArn, "QueueName", queueName));
 * IntrinsicResolver resolver = new IntrinsicResolver(template, context);
 * String url = resolver.resolveString(function.environment().get("COMMANDS_QUEUE_URL"), "…");
 * }</pre>
 *
 * Everything the reader does not understand is a {@link dev.tally.local.runtime.template.TemplateException}
 * naming its path: {@link dev.tally.local.runtime.template.TemplateSyntaxException} (shape),
 * {@link dev.tally.local.runtime.template.UnsupportedConstructException} (tags, event types,
 * properties, intrinsics that need AWS), {@link dev.tally.local.runtime.template.UnresolvedReferenceException}
 * (a reference to something unknown or without a value).
 */
package dev.tally.local.runtime.template;
