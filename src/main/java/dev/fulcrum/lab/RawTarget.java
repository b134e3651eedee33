package dev.fulcrum.lab;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A target that speaks raw bytes from a script, one thread per connection: for responses no HTTP library would
 * send (malformed, truncated, stalled), for closing at the worst moment, and for WebSocket tunnels. A script that
 * stalls waits on a {@link Hold} or {@link #awaitClose}, never a sleep; closing the target interrupts every script.
 */
public final class RawTarget implements AutoCloseable {

    /** What the target does with one accepted connection. */
    @FunctionalInterface
    public interface Script {
        void run(Socket socket) throws Exception;
    }

    private final ServerSocket server;
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "raw-target");
        t.setDaemon(true);
        return t;
    });
    private final AtomicInteger connections = new AtomicInteger();
    private final List<Socket> open = new CopyOnWriteArrayList<>();

    private RawTarget(ServerSocket server, Script script) {
        this.server = server;
        threads.execute(() -> acceptLoop(script));
    }

    public static RawTarget start(Script script) {
        try {
            return new RawTarget(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()), script);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void acceptLoop(Script script) {
        while (!server.isClosed()) {
            try {
                Socket s = server.accept();
                connections.incrementAndGet();
                open.add(s);
                threads.execute(() -> {
                    try (s) {
                        script.run(s);
                    } catch (Exception e) {
                        // the balancer may close first; the script's job is over either way
                    }
                });
            } catch (IOException e) {
                return;
            }
        }
    }

    public int port() {
        return server.getLocalPort();
    }

    public int connections() {
        return connections.get();
    }

    /** Reads one request head (through the blank line) from {@code in}. */
    public static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        int b;
        while ((b = in.read()) != -1) {
            head.write(b);
            matched = (b == "\r\n\r\n".charAt(matched)) ? matched + 1 : (b == '\r' ? 1 : 0);
            if (matched == 4) {
                break;
            }
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }

    /**
     * Reads the body of the request whose head is {@code head}, as a strict server frames it: chunked when
     * Transfer-Encoding's last coding is chunked (through the last chunk and the end of the trailers), else
     * Content-Length bytes. Returns the body's bytes (still in the codings before chunked, if any).
     */
    public static String readBody(InputStream in, String head) throws IOException {
        if (!lastCodingIsChunked(head)) {
            return new String(in.readNBytes(contentLength(head)), StandardCharsets.ISO_8859_1);
        }
        StringBuilder body = new StringBuilder();
        while (true) {
            String sizeLine = readLine(in);
            int size = Integer.parseInt(sizeLine.split(";")[0].trim(), 16);
            if (size == 0) {
                while (!readLine(in).isEmpty()) {
                    // trailers
                }
                return body.toString();
            }
            body.append(new String(in.readNBytes(size), StandardCharsets.ISO_8859_1));
            readLine(in);
        }
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != -1 && b != '\n') {
            if (b != '\r') {
                line.write(b);
            }
        }
        if (b == -1) {
            throw new java.io.EOFException("the request ended inside its body");
        }
        return line.toString(StandardCharsets.ISO_8859_1);
    }

    /** The Content-Length of a request head read by {@link #readHead}, or 0. */
    private static boolean lastCodingIsChunked(String head) {
        for (String line : head.split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).equalsIgnoreCase("transfer-encoding")) {
                return line.substring(colon + 1).strip().toLowerCase(java.util.Locale.ROOT).endsWith("chunked");
            }
        }
        return false;
    }

    public static int contentLength(String head) {
        for (String line : head.split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase("content-length")) {
                return Integer.parseInt(line.substring(colon + 1).trim());
            }
        }
        return 0;
    }

    /**
     * Reads and drops whatever comes until the balancer closes the connection (or the target is closed): a target
     * that has answered and waits for the balancer to hang up, however long it takes to judge the answer.
     */
    public static void awaitClose(Socket s) throws IOException {
        InputStream in = s.getInputStream();
        byte[] ignored = new byte[8192];
        while (in.read(ignored) != -1) {
            // the balancer's bytes, if any, mean nothing to a target that is done
        }
    }

    public static void write(Socket s, String raw) throws IOException {
        s.getOutputStream().write(raw.getBytes(StandardCharsets.ISO_8859_1));
        s.getOutputStream().flush();
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException e) {
            // closing a test server
        }
        open.forEach(s -> {
            try {
                s.close();
            } catch (IOException e) {
                // closing a test socket
            }
        });
        threads.shutdownNow();
    }
}
