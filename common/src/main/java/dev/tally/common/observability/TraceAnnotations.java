package dev.tally.common.observability;

import com.amazonaws.services.lambda.runtime.Context;
import software.amazon.lambda.powertools.logging.LoggingUtils;
import software.amazon.lambda.powertools.tracing.TracingUtils;

/**
 * The X-Ray annotations (searchable, so cold starts can be analysed from traces) and matching log
 * keys that every Tally function adds, through Powertools' {@link TracingUtils} and
 * {@link LoggingUtils}. Without an active X-Ray segment (unit tests, local runs without a daemon)
 * the annotations are silently skipped by Powertools.
 *
 * <p>Handlers annotated {@code @Logging(clearState = true)} drop the log keys after each invocation.
 */
public final class TraceAnnotations {

    /**
     * Annotation: whether this invocation started the JVM. Powertools' {@code @Tracing} writes it on the
     * handler's subsegment (from its own cold-start flag); {@link #invocation} leaves it to Powertools.
     */
    public static final String COLD_START = "ColdStart";
    /** Annotation: the Lambda function name. */
    public static final String FUNCTION_NAME = "FunctionName";
    /** Annotation: the command type being submitted or applied. */
    public static final String COMMAND_TYPE = "CommandType";
    /** Annotation: the dead-letter message id a replayed command was sent again from ({@code tally ops dlq replay}). */
    public static final String REPLAY_OF = "ReplayOf";

    private TraceAnnotations() {}

    /**
     * Annotates the start of an invocation with {@code FunctionName}; {@code ColdStart} is Powertools'
     * own annotation (writing it here too overwrote Powertools' value on the same subsegment).
     *
     * @return whether this was the cold start (of this class's own flag, for logs and metrics)
     */
    public static boolean invocation(Context context) {
        boolean coldStart = ColdStart.consume();
        String functionName =
                context == null || context.getFunctionName() == null ? "unknown" : context.getFunctionName();
        TracingUtils.putAnnotation(FUNCTION_NAME, functionName);
        if (coldStart) {
            InitTrace.emit();
        }
        return coldStart;
    }

    /** Annotates the trace and the following log lines with the command type (e.g. {@code CreateDebt}). */
    public static void commandType(String commandType) {
        if (commandType == null || commandType.isBlank()) {
            return;
        }
        TracingUtils.putAnnotation(COMMAND_TYPE, commandType);
        LoggingUtils.appendKey("commandType", commandType);
    }

    /** Annotates the trace and the following log lines with the DLQ message a replayed command came from. */
    public static void replayOf(String deadLetterMessageId) {
        if (deadLetterMessageId == null || deadLetterMessageId.isBlank()) {
            return;
        }
        TracingUtils.putAnnotation(REPLAY_OF, deadLetterMessageId);
        LoggingUtils.appendKey("replayOf", deadLetterMessageId);
    }
}
