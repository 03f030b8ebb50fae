package dev.tally.local.runtime.observability;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One answer of the local X-Ray or CloudWatch Logs API.
 *
 * @param status    the HTTP status
 * @param errorType the AWS error code when it is an error, else null
 * @param body      the JSON body
 */
record ApiResponse(int status, String errorType, String body) {

    private static final ObjectMapper JSON = new ObjectMapper();

    static ApiResponse ok(ObjectNode body) {
        return new ApiResponse(200, null, body.toString());
    }

    /** A 400 with the error code in {@code __type} (JSON 1.1) and in {@code x-amzn-ErrorType} (REST-JSON). */
    static ApiResponse error(String type, String message) {
        return new ApiResponse(
                400,
                type,
                JSON.createObjectNode()
                        .put("__type", type)
                        .put("message", message)
                        .toString());
    }
}
