package dev.tally.local.runtime.xray;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A local stand-in for the X-Ray daemon: listens on the UDP address the X-Ray SDK sends segments
 * to ({@code AWS_XRAY_DAEMON_ADDRESS}), and appends each segment document to {@code traces.jsonl}
 * in the data directory, one JSON document per line, for the cold-start report.
 *
 * <p>Each datagram is a header line ({@code {"format": "json", "version": 1}}) and a segment
 * document (https://docs.aws.amazon.com/xray/latest/devguide/xray-api-sendingdata.html).
 */
public final class XRayDaemonSink implements AutoCloseable {

    private static final int MAX_DATAGRAM = 64 * 1024;
    private static final com.fasterxml.jackson.databind.ObjectMapper JSON =
            new com.fasterxml.jackson.databind.ObjectMapper();

    private final DatagramSocket socket;
    private final Path tracesFile;
    private final Thread receiver;
    private final AtomicLong segments = new AtomicLong();

    public XRayDaemonSink(Path tracesFile) {
        this.tracesFile = tracesFile;
        try {
            Files.createDirectories(tracesFile.toAbsolutePath().getParent());
            this.socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the X-Ray daemon socket", e);
        }
        this.receiver = new Thread(this::receive, "xray-daemon");
        receiver.setDaemon(true);
        receiver.start();
    }

    /** {@code 127.0.0.1:port}, the value of {@code AWS_XRAY_DAEMON_ADDRESS}. */
    public String address() {
        return "127.0.0.1:" + socket.getLocalPort();
    }

    /** How many segment documents have been stored. */
    public long segmentCount() {
        return segments.get();
    }

    private void receive() {
        byte[] buffer = new byte[MAX_DATAGRAM];
        while (!socket.isClosed()) {
            DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
            try {
                socket.receive(packet);
            } catch (SocketException e) {
                return;
            } catch (IOException e) {
                continue;
            }
            String datagram = new String(packet.getData(), 0, packet.getLength(), StandardCharsets.UTF_8);
            int newline = datagram.indexOf('\n');
            String document = (newline >= 0 ? datagram.substring(newline + 1) : datagram).strip();
            if (document.startsWith("{")) {
                underInitialization(document).forEach(this::store);
            }
        }
    }

    /**
     * The function's init subsegments ({@code Init …}, written at the first invocation inside the
     * handler's subsegment, with the init phase's own times) are taken out of the document they came
     * in and stored as subsegments of the function segment's {@code Initialization} subsegment, where
     * Lambda draws the init phase (see {@link FunctionSegments#initializationId}). Every other
     * document is stored as sent.
     *
     * @return the documents to store: the (possibly trimmed) document first, then the moved subsegments
     */
    static java.util.List<String> underInitialization(String document) {
        if (!document.contains("\"Init ")) {
            return java.util.List.of(document);
        }
        try {
            com.fasterxml.jackson.databind.JsonNode parsed = JSON.readTree(document);
            if (!(parsed instanceof com.fasterxml.jackson.databind.node.ObjectNode node)
                    || !node.hasNonNull("parent_id")
                    || !(node.get("subsegments") instanceof com.fasterxml.jackson.databind.node.ArrayNode children)) {
                return java.util.List.of(document);
            }
            String initializationId =
                    FunctionSegments.initializationId(node.get("parent_id").asText());
            java.util.List<String> moved = new java.util.ArrayList<>();
            for (int i = children.size() - 1; i >= 0; i--) {
                if (children.get(i) instanceof com.fasterxml.jackson.databind.node.ObjectNode child
                        && child.path("name").asText().startsWith("Init ")) {
                    child.put("type", "subsegment");
                    child.put("parent_id", initializationId);
                    child.set("trace_id", node.get("trace_id"));
                    moved.add(0, child.toString());
                    children.remove(i);
                }
            }
            if (moved.isEmpty()) {
                return java.util.List.of(document);
            }
            if (children.isEmpty()) {
                node.remove("subsegments");
            }
            java.util.List<String> documents = new java.util.ArrayList<>();
            documents.add(node.toString());
            documents.addAll(moved);
            return documents;
        } catch (IOException e) {
            return java.util.List.of(document); // not JSON: stored as it came
        }
    }

    /** Appends one segment document (also used for the segments the runtime itself emits). */
    public synchronized void store(String document) {
        try {
            Files.writeString(
                    tracesFile,
                    document.replace('\n', ' ') + "\n",
                    StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
            segments.incrementAndGet();
        } catch (IOException e) {
            // A trace that cannot be stored is dropped, as the real daemon drops what it cannot send.
        }
    }

    @Override
    public void close() {
        socket.close();
        try {
            receiver.join(1_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
