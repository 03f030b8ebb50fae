package dev.tally.local.dynamodb.protocol;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A small HTTP/1.1 server: persistent connections, one thread per connection, Content-Length and
 * chunked request bodies, {@code Expect: 100-continue}, and each response written in one piece
 * with TCP_NODELAY (no Nagle/delayed-ACK stalls).
 */
final class Http11Server implements AutoCloseable {

  /** Answers one request. */
  interface Handler {
    Response handle(String method, Map<String, String> headers, byte[] body);
  }

  /** A response: status, content type, body and extra headers. */
  record Response(int status, String contentType, byte[] body, Map<String, String> headers) {}

  private static final int MAX_BODY = 64 * 1024 * 1024;

  private final ServerSocket socket;
  private final ExecutorService connections;
  private final Handler handler;
  private final Set<Socket> open = ConcurrentHashMap.newKeySet();
  private volatile boolean closed;

  private Http11Server(ServerSocket socket, ExecutorService connections, Handler handler) {
    this.socket = socket;
    this.connections = connections;
    this.handler = handler;
  }

  static Http11Server start(InetSocketAddress address, int maxConnections, Handler handler) {
    try {
      ServerSocket socket = new ServerSocket();
      socket.setReuseAddress(true);
      socket.bind(address, 256);
      AtomicInteger counter = new AtomicInteger();
      ExecutorService connections = new ThreadPoolExecutor(0, maxConnections, 60, TimeUnit.SECONDS,
          new SynchronousQueue<>(), runnable -> {
            Thread thread = new Thread(runnable, "local-dynamodb-http-" + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
          }, new ThreadPoolExecutor.AbortPolicy());
      Http11Server server = new Http11Server(socket, connections, handler);
      Thread acceptor = new Thread(server::acceptLoop, "local-dynamodb-accept");
      acceptor.setDaemon(true);
      acceptor.start();
      return server;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot bind " + address, e);
    }
  }

  int port() {
    return socket.getLocalPort();
  }

  private void acceptLoop() {
    while (!closed) {
      Socket client;
      try {
        client = socket.accept();
      } catch (IOException e) {
        if (closed) {
          return;
        }
        continue;
      }
      try {
        client.setTcpNoDelay(true);
        open.add(client);
        connections.execute(() -> serve(client));
      } catch (IOException | RuntimeException e) {
        closeQuietly(client);
      }
    }
  }

  private void serve(Socket client) {
    try (client) {
      RequestInput in = new RequestInput(client.getInputStream());
      OutputStream out = client.getOutputStream();
      while (!closed) {
        String requestLine = in.readLine();
        if (requestLine == null) {
          return;
        }
        if (requestLine.isEmpty()) {
          continue;
        }
        String[] parts = requestLine.split(" ");
        if (parts.length != 3) {
          write(out, new Response(400, "text/plain", "bad request line".getBytes(StandardCharsets.UTF_8), Map.of()), false);
          return;
        }
        Map<String, String> headers = readHeaders(in);
        boolean keepAlive = !parts[2].equals("HTTP/1.0") && !"close".equalsIgnoreCase(headers.get("connection"));
        if ("100-continue".equalsIgnoreCase(headers.get("expect"))) {
          out.write("HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
          out.flush();
        }
        byte[] body = readBody(in, headers);
        write(out, handler.handle(parts[0], headers, body), keepAlive);
        if (!keepAlive) {
          return;
        }
      }
    } catch (IOException e) {
      // the client went away or sent garbage: drop the connection
    } finally {
      open.remove(client);
    }
  }

  private static Map<String, String> readHeaders(RequestInput in) throws IOException {
    Map<String, String> headers = new HashMap<>();
    String line;
    while ((line = in.readLine()) != null && !line.isEmpty()) {
      int colon = line.indexOf(':');
      if (colon > 0) {
        headers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
      }
    }
    return headers;
  }

  private static byte[] readBody(RequestInput in, Map<String, String> headers) throws IOException {
    if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
      ByteArrayOutputStream body = new ByteArrayOutputStream();
      while (true) {
        String sizeLine = in.readLine();
        if (sizeLine == null) {
          throw new EOFException();
        }
        int semicolon = sizeLine.indexOf(';');
        int size = Integer.parseInt((semicolon < 0 ? sizeLine : sizeLine.substring(0, semicolon)).trim(), 16);
        if (size == 0) {
          readHeaders(in);
          return body.toByteArray();
        }
        if (body.size() + size > MAX_BODY) {
          throw new IOException("request body too large");
        }
        body.write(in.readBytes(size));
        in.readLine();
      }
    }
    String length = headers.get("content-length");
    if (length == null) {
      return new byte[0];
    }
    int size = Integer.parseInt(length);
    if (size < 0 || size > MAX_BODY) {
      throw new IOException("bad content length");
    }
    return in.readBytes(size);
  }

  private static void write(OutputStream out, Response response, boolean keepAlive) throws IOException {
    StringBuilder head = new StringBuilder(256);
    head.append("HTTP/1.1 ").append(response.status()).append(' ').append(reason(response.status())).append("\r\n");
    head.append("Content-Type: ").append(response.contentType()).append("\r\n");
    head.append("Content-Length: ").append(response.body().length).append("\r\n");
    response.headers().forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
    head.append(keepAlive ? "Connection: keep-alive\r\n\r\n" : "Connection: close\r\n\r\n");
    byte[] headBytes = head.toString().getBytes(StandardCharsets.ISO_8859_1);
    byte[] all = new byte[headBytes.length + response.body().length];
    System.arraycopy(headBytes, 0, all, 0, headBytes.length);
    System.arraycopy(response.body(), 0, all, headBytes.length, response.body().length);
    out.write(all);
    out.flush();
  }

  private static String reason(int status) {
    return switch (status) {
      case 200 -> "OK";
      case 400 -> "Bad Request";
      case 404 -> "Not Found";
      default -> "Internal Server Error";
    };
  }

  private static void closeQuietly(Socket socket) {
    try {
      socket.close();
    } catch (IOException e) {
      // already closed
    }
  }

  @Override
  public void close() {
    closed = true;
    try {
      socket.close();
    } catch (SocketException e) {
      // already closed
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    open.forEach(Http11Server::closeQuietly);
    connections.shutdownNow();
  }
}
