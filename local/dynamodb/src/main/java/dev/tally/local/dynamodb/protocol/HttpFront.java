package dev.tally.local.dynamodb.protocol;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.tally.local.dynamodb.model.ApiException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.CRC32;

/**
 * The HTTP side: the JDK's built-in server on a thread pool, answering {@code POST /} in the
 * JSON 1.0 protocol with an {@code x-amz-crc32} checksum, and AWS's error shape on failure.
 * Signatures are accepted without being checked.
 */
public final class HttpFront implements AutoCloseable {

  private static final System.Logger LOG = System.getLogger(HttpFront.class.getName());
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String CONTENT_TYPE = "application/x-amz-json-1.0";

  private final HttpServer server;
  private final ExecutorService executor;
  private final Dispatcher dispatcher;

  private HttpFront(HttpServer server, ExecutorService executor, Dispatcher dispatcher) {
    this.server = server;
    this.executor = executor;
    this.dispatcher = dispatcher;
  }

  /** Binds and starts serving; port 0 picks a free port. */
  public static HttpFront start(InetSocketAddress address, Dispatcher dispatcher, int threads) {
    try {
      HttpServer server = HttpServer.create(address, 256);
      AtomicInteger counter = new AtomicInteger();
      ExecutorService executor = Executors.newFixedThreadPool(threads, runnable -> {
        Thread thread = new Thread(runnable, "local-dynamodb-http-" + counter.incrementAndGet());
        thread.setDaemon(true);
        return thread;
      });
      HttpFront front = new HttpFront(server, executor, dispatcher);
      server.createContext("/", front::handle);
      server.setExecutor(executor);
      server.start();
      return front;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot bind " + address, e);
    }
  }

  /** The bound port. */
  public int port() {
    return server.getAddress().getPort();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      if (!exchange.getRequestMethod().equals("POST")) {
        byte[] body = "healthy: dynamodb.local".getBytes(StandardCharsets.UTF_8);
        send(exchange, 200, body, "text/plain");
        return;
      }
      int status = 200;
      byte[] response;
      try {
        JsonNode body = parse(exchange.getRequestBody());
        ObjectNode result = dispatcher.dispatch(exchange.getRequestHeaders().getFirst("X-Amz-Target"), body);
        response = JSON.writeValueAsBytes(result);
      } catch (ApiException e) {
        status = e.status();
        response = JSON.writeValueAsBytes(errorBody(e));
      } catch (RuntimeException | StackOverflowError e) {
        LOG.log(System.Logger.Level.ERROR, "internal error answering " + exchange.getRequestHeaders().getFirst("X-Amz-Target"), e);
        status = 500;
        ObjectNode error = JSON.createObjectNode().put("__type", "com.amazonaws.dynamodb.v20120810#InternalServerError")
            .put("message", "Internal server error");
        response = JSON.writeValueAsBytes(error);
      }
      send(exchange, status, response, CONTENT_TYPE);
    }
  }

  private static ObjectNode errorBody(ApiException e) {
    ObjectNode error = JSON.createObjectNode();
    error.put("__type", e.qualifiedType());
    error.put("message", e.getMessage());
    error.setAll(e.extra());
    return error;
  }

  private static JsonNode parse(InputStream in) throws IOException {
    byte[] bytes = in.readAllBytes();
    if (bytes.length == 0) {
      return JSON.createObjectNode();
    }
    try {
      return JSON.readTree(bytes);
    } catch (JsonProcessingException e) {
      throw new ApiException("SerializationException", 400, "The request body is not valid JSON");
    }
  }

  private static void send(HttpExchange exchange, int status, byte[] body, String contentType) throws IOException {
    CRC32 crc = new CRC32();
    crc.update(body);
    exchange.getResponseHeaders().set("Content-Type", contentType);
    exchange.getResponseHeaders().set("x-amz-crc32", Long.toString(crc.getValue()));
    exchange.getResponseHeaders().set("x-amzn-RequestId", UUID.randomUUID().toString());
    exchange.sendResponseHeaders(status, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
    try {
      executor.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
