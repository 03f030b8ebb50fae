package dev.tally.local.runtime.template;

/**
 * An entry of a function's {@code Events}: the three kinds Tally's functions use.
 * Any other {@code Type} is an {@link UnsupportedConstructException}.
 */
public sealed interface EventSource permits HttpApiEvent, SqsEvent, DynamoDbEvent {

    /** The event's key under {@code Events}. */
    String name();

    /** The event's {@code Properties} as written. */
    TemplateMap properties();

    static EventSource read(String name, TemplateValue value, String path) {
        Properties event = Properties.of(value, path).allowOnly(java.util.Set.of("Type", "Properties"), "an event");
        String type = event.requiredString("Type");
        Properties properties = event.nested("Properties");
        return switch (type) {
            case "HttpApi" -> HttpApiEvent.read(name, properties);
            case "SQS" -> SqsEvent.read(name, properties);
            case "DynamoDB" -> DynamoDbEvent.read(name, properties);
            default ->
                throw new UnsupportedConstructException(
                        event.pathOf("Type"),
                        "event type '" + type + "' is not supported; supported: HttpApi, SQS, DynamoDB");
        };
    }
}
