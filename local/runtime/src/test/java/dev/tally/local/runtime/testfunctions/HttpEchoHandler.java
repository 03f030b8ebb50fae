package dev.tally.local.runtime.testfunctions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * A test HTTP API function (payload format 2.0). {@code /boom} throws; {@code /plain} answers JSON
 * without a status code; {@code /binary} answers a base64 body; anything else answers 201 with
 * header {@code X-Echo: yes}, two cookies and the event it got as the body.
 */
public class HttpEchoHandler implements RequestStreamHandler {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        JsonNode event = JSON.readTree(input);
        String path = event.get("rawPath").asText();
        ObjectNode response = JSON.createObjectNode();
        switch (path) {
            case "/boom" -> throw new IllegalStateException("secret detail that must not reach the client");
            case "/plain" -> response.put("hello", "world");
            case "/env" -> {
                ObjectNode env = JSON.createObjectNode();
                for (String name : new String[] {
                    "THINGS_TABLE",
                    "WORK_QUEUE_URL",
                    "SECRET_ARN",
                    "STREAM_ARN",
                    "GREETING",
                    "AWS_ENDPOINT_URL_DYNAMODB",
                    "AWS_ENDPOINT_URL_SQS",
                    "AWS_ENDPOINT_URL_SECRETS_MANAGER",
                    "AWS_XRAY_DAEMON_ADDRESS",
                    "AWS_REGION",
                    "JAVA_TOOL_OPTIONS"
                }) {
                    env.put(name, System.getenv(name));
                }
                response.put("statusCode", 200);
                response.put("body", env.toString());
            }
            case "/trace" -> {
                // What the X-Ray SDK does: one UDP datagram, header line then segment document.
                String header = System.getProperty("com.amazonaws.xray.traceHeader");
                String root =
                        header.substring(header.indexOf("Root=") + 5, header.indexOf(';', header.indexOf("Root=")));
                double now = System.currentTimeMillis() / 1000.0;
                String segment =
                        "{\"format\":\"json\",\"version\":1}\n{\"name\":\"EchoFunction\",\"id\":\"0123456789abcdef\","
                                + "\"trace_id\":\"" + root + "\",\"start_time\":" + now + ",\"end_time\":" + now + "}";
                String[] address = System.getenv("AWS_XRAY_DAEMON_ADDRESS").split(":");
                try (java.net.DatagramSocket socket = new java.net.DatagramSocket()) {
                    byte[] bytes = segment.getBytes(StandardCharsets.UTF_8);
                    socket.send(new java.net.DatagramPacket(
                            bytes,
                            bytes.length,
                            java.net.InetAddress.getByName(address[0]),
                            Integer.parseInt(address[1])));
                }
                response.put("statusCode", 200);
                response.put("body", "{\"traceId\":\"" + root + "\"}");
            }
            case "/binary" -> {
                response.put("statusCode", 200);
                response.putObject("headers").put("Content-Type", "application/octet-stream");
                response.put("body", Base64.getEncoder().encodeToString(new byte[] {0, 1, 2, (byte) 255}));
                response.put("isBase64Encoded", true);
            }
            default -> {
                response.put("statusCode", 201);
                response.putObject("headers").put("X-Echo", "yes");
                response.putArray("cookies").add("a=1; Path=/").add("b=2");
                response.put("body", JSON.writeValueAsString(event));
            }
        }
        output.write(JSON.writeValueAsString(response).getBytes(StandardCharsets.UTF_8));
    }
}
