package dev.tally.local.runtime.net;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The one place the local runtime makes a JDK {@link HttpServer}: on the loopback interface, with
 * TCP_NODELAY, a read deadline for requests and a bounded thread pool.
 *
 * <p>The JDK server writes the headers and the body of a response in separate segments and, left
 * alone, does not set TCP_NODELAY: Nagle's algorithm then holds the second segment until the
 * client's delayed ACK arrives, about 40 ms later, on every small response. The server reads its
 * settings once, from system properties, when its configuration class loads, so they are set here,
 * in this class's initialiser, before any server of this JVM is created (docs/adr/0110-...).
 */
public final class LoopbackHttpServers {

    /** The JDK server's switch for TCP_NODELAY on accepted sockets. */
    public static final String NO_DELAY_PROPERTY = "sun.net.httpserver.nodelay";
    /** Seconds a client may take to send a whole request before the JDK server drops the connection. */
    public static final String MAX_REQUEST_SECONDS_PROPERTY = "sun.net.httpserver.maxReqTime";

    static final long MAX_REQUEST_SECONDS = 30;

    static {
        // Only an explicit -Dsun.net.httpserver.nodelay=false (to measure the stall, ADR 0110) turns it off.
        if (!"false".equals(System.getProperty(NO_DELAY_PROPERTY))) {
            System.setProperty(NO_DELAY_PROPERTY, "true");
        }
        if (System.getProperty(MAX_REQUEST_SECONDS_PROPERTY) == null) {
            System.setProperty(MAX_REQUEST_SECONDS_PROPERTY, Long.toString(MAX_REQUEST_SECONDS));
        }
    }

    private LoopbackHttpServers() {}

    /**
     * Creates (not starts) a server on {@code 127.0.0.1:port} (0 for any free port) whose exchanges
     * run on at most {@code threads} threads; beyond {@code queued} waiting exchanges the server's
     * own dispatcher runs the next one, so it stops reading new requests until a thread frees up
     * (back-pressure instead of an unbounded queue). The pool is the server's executor; stop it
     * with {@link #stop(HttpServer)}.
     */
    public static HttpServer create(int port, int backlog, String threadName, int threads, int queued)
            throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), backlog);
        server.setExecutor(boundedPool(threadName, threads, queued));
        return server;
    }

    /** Stops the server at once and its pool. */
    public static void stop(HttpServer server) {
        server.stop(0);
        if (server.getExecutor() instanceof ExecutorService pool) {
            pool.shutdownNow();
        }
    }

    /** A pool of at most {@code threads} daemon threads with a queue of {@code queued}; the caller runs what overflows. */
    static ThreadPoolExecutor boundedPool(String threadName, int threads, int queued) {
        AtomicInteger count = new AtomicInteger();
        ThreadPoolExecutor pool = new ThreadPoolExecutor(
                threads,
                threads,
                30,
                TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(queued),
                runnable -> {
                    Thread thread = new Thread(runnable, threadName + "-" + count.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                },
                new ThreadPoolExecutor.CallerRunsPolicy());
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }
}
