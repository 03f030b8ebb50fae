package dev.tally.bench.coldstart;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The events the cold-start benchmark sends, one fresh event per invocation (new ids, so no
 * invocation is answered from an idempotency record): API Gateway HTTP API v2 requests, an SQS batch
 * of ten {@code CREATE_DEBT} commands, and a DynamoDB Streams INSERT of a new debt.
 */
final class BenchEvents {

    static final String PASSWORD = "correct horse battery staple";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AtomicLong SEQUENCE = new AtomicLong(100_000_000_000_000_000L);

    /**
     * Logins per benchmark account: the login limiter (ADR 0145) refuses the 11th attempt of an account
     * in 15 minutes, and the benchmark logs in more often than that (sign-in, cold runs, warm runs).
     */
    static final int LOGINS_PER_ACCOUNT = 9;

    private final String accountPrefix = "bench-" + UUID.randomUUID();
    private int logins;
    private int accounts;
    private final String streamInsert;
    private String accessToken;

    BenchEvents() {
        try (InputStream in = BenchEvents.class.getResourceAsStream("/coldstart/stream-insert.json")) {
            this.streamInsert = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the stream event fixture", e);
        }
    }

    /** The event for a function of template.yaml (or a reference function), by logical id. */
    byte[] eventFor(String functionName) {
        return switch (functionName) {
            case "AuthFunction" -> login();
            case "CommandSubmissionFunction" ->
                http(
                        "POST",
                        "/debts",
                        "/debts",
                        accessToken,
                        "{\"counterparty\":{\"name\":\"Bob\"},\"direction\":\"OWED_TO_ME\",\"amount\":{\"amount\":\"25.00\","
                                + "\"currency\":\"EUR\"},\"description\":\"concert tickets\"}");
            case "QueryFunction" -> http("GET", "/summary", "/summary", accessToken, null);
            case "CommandWorkerFunction" -> commandBatch(10);
            case "SummaryProjectionFunction" -> streamInsert();
            case ColdStartBenchmark.FLOOR, ColdStartBenchmark.NAIVE -> "{}".getBytes(StandardCharsets.UTF_8);
            default ->
                throw new IllegalArgumentException(
                        "the cold-start benchmark has no event for " + functionName + "; add one to BenchEvents");
        };
    }

    /** Registers the next benchmark account; each serves {@link #LOGINS_PER_ACCOUNT} logins. */
    byte[] register() {
        String email = email(accounts++);
        return http(
                "POST",
                "/auth/register",
                "/auth/register",
                null,
                "{\"email\":\"" + email + "\",\"password\":\"" + PASSWORD + "\",\"displayName\":\"Bench\"}");
    }

    /** A login of a registered account, moving to the next account before the limiter would refuse. */
    byte[] login() {
        String email = email(Math.min(logins++ / LOGINS_PER_ACCOUNT, accounts - 1));
        return http(
                "POST",
                "/auth/login",
                "/auth/login",
                null,
                "{\"email\":\"" + email + "\",\"password\":\"" + PASSWORD + "\"}");
    }

    private String email(int account) {
        return accountPrefix + "-" + account + "@example.com";
    }

    void accessToken(String token) {
        this.accessToken = token;
    }

    /** An API Gateway HTTP API (payload format 2.0) request event. */
    static byte[] http(String method, String path, String route, String token, String body) {
        ObjectNode event = JSON.createObjectNode();
        String routeKey = method + " " + route;
        event.put("version", "2.0");
        event.put("routeKey", routeKey);
        event.put("rawPath", path);
        event.put("rawQueryString", "");
        ObjectNode headers = event.putObject("headers");
        headers.put("content-type", "application/json");
        headers.put("host", "127.0.0.1");
        if (token != null) {
            headers.put("authorization", "Bearer " + token);
        }
        ObjectNode context = event.putObject("requestContext");
        context.put("accountId", "000000000000");
        context.put("apiId", "local");
        context.put("domainName", "127.0.0.1");
        ObjectNode http = context.putObject("http");
        http.put("method", method);
        http.put("path", path);
        http.put("protocol", "HTTP/1.1");
        http.put("sourceIp", "127.0.0.1");
        http.put("userAgent", "tally-coldstart-benchmark");
        context.put("requestId", UUID.randomUUID().toString());
        context.put("routeKey", routeKey);
        context.put("stage", "$default");
        context.put("timeEpoch", System.currentTimeMillis());
        if (body != null) {
            event.put("body", body);
        }
        event.put("isBase64Encoded", false);
        return bytes(event);
    }

    /** An SQS event of {@code size} CREATE_DEBT commands of one user, every id fresh. */
    static byte[] commandBatch(int size) {
        String userId = "bench-" + UUID.randomUUID();
        ObjectNode event = JSON.createObjectNode();
        ArrayNode records = event.putArray("Records");
        for (int i = 0; i < size; i++) {
            String commandId = UUID.randomUUID().toString();
            ObjectNode envelope = JSON.createObjectNode();
            envelope.put("commandId", commandId);
            envelope.put("type", "CREATE_DEBT");
            envelope.put("schemaVersion", 1);
            envelope.put("userId", userId);
            envelope.put("issuedAt", Instant.now().toString());
            envelope.put("correlationId", "bench-" + commandId);
            ObjectNode payload = envelope.putObject("payload");
            payload.put("debtId", UUID.randomUUID().toString());
            payload.putObject("counterparty").put("name", "Sam Lee");
            payload.put("direction", "OWED_TO_ME");
            payload.putObject("amount").put("amount", "100.00").put("currency", "EUR");
            payload.put("description", "Concert tickets");
            ObjectNode record = records.addObject();
            record.put("messageId", UUID.randomUUID().toString());
            record.put("receiptHandle", "bench-" + commandId);
            record.put("body", envelope.toString());
            ObjectNode attributes = record.putObject("attributes");
            attributes.put("ApproximateReceiveCount", "1");
            attributes.put("SentTimestamp", Long.toString(System.currentTimeMillis()));
            attributes.put("SequenceNumber", Long.toString(SEQUENCE.incrementAndGet()));
            attributes.put("MessageGroupId", userId);
            attributes.put("MessageDeduplicationId", commandId);
            attributes.put("ApproximateFirstReceiveTimestamp", Long.toString(System.currentTimeMillis()));
            record.putObject("messageAttributes");
            record.put("md5OfBody", "00000000000000000000000000000000");
            record.put("eventSource", "aws:sqs");
            record.put("eventSourceARN", "arn:aws:sqs:us-east-1:000000000000:tally-commands.fifo");
            record.put("awsRegion", "us-east-1");
        }
        return bytes(event);
    }

    /** A DynamoDB Streams INSERT of a new debt of a new user (so the projection writes a new summary). */
    byte[] streamInsert() {
        String event = streamInsert
                .replace("user-a", "bench-" + UUID.randomUUID())
                .replace(
                        "0193a6f2-7c41-7b20-9d11-3f5a2c8e0a01",
                        UUID.randomUUID().toString())
                .replace("ev-000001", UUID.randomUUID().toString())
                .replace("100000000000000000001", Long.toString(SEQUENCE.incrementAndGet()));
        return event.getBytes(StandardCharsets.UTF_8);
    }

    /** The JSON body of an API Gateway v2 response payload. */
    static JsonNode responseBody(byte[] payload) {
        try {
            JsonNode response = JSON.readTree(payload);
            JsonNode body = response.path("body");
            return body.isTextual() ? JSON.readTree(body.asText()) : JSON.createObjectNode();
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "not an API Gateway response: " + new String(payload, StandardCharsets.UTF_8), e);
        }
    }

    /** The status code of an API Gateway v2 response payload, or 0 when the payload has none. */
    static int statusCode(byte[] payload) {
        try {
            return JSON.readTree(payload).path("statusCode").asInt(0);
        } catch (IOException e) {
            return 0;
        }
    }

    private static byte[] bytes(JsonNode node) {
        try {
            return JSON.writeValueAsBytes(node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
