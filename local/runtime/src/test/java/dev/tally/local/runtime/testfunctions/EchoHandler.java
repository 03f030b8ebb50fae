package dev.tally.local.runtime.testfunctions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A test function: answers with the event it got, the environment variables the event names, the
 * trace header and what the context says. {@code {"sleepMs": n}} makes it sleep first;
 * {@code {"throw": "message"}} makes it throw; {@code {"exit": true}} makes its JVM exit.
 */
public class EchoHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {

    private static final long LOADED_AT = System.currentTimeMillis();

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
        if (event.get("sleepMs") instanceof Number sleep) {
            try {
                Thread.sleep(sleep.longValue());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (event.get("throw") instanceof String message) {
            throw new IllegalStateException(message);
        }
        if (Boolean.TRUE.equals(event.get("exit"))) {
            System.exit(3);
        }
        Map<String, Object> env = new LinkedHashMap<>();
        if (event.get("env") instanceof java.util.List<?> names) {
            for (Object name : names) {
                env.put(name.toString(), System.getenv(name.toString()));
            }
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("event", event);
        answer.put("env", env);
        answer.put("traceHeader", System.getProperty("com.amazonaws.xray.traceHeader"));
        answer.put("requestId", context.getAwsRequestId());
        answer.put("functionArn", context.getInvokedFunctionArn());
        answer.put("remainingMillis", context.getRemainingTimeInMillis());
        answer.put("loadedAt", LOADED_AT);
        answer.put("pid", ProcessHandle.current().pid());
        answer.put("maxHeapMb", Runtime.getRuntime().maxMemory() / (1024 * 1024));
        System.out.println("echo handled " + context.getAwsRequestId());
        return answer;
    }
}
