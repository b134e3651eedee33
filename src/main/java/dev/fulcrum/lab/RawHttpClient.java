package dev.fulcrum.lab;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A client that writes exactly the bytes a test gives it and parses responses strictly, for malformed, pipelined,
 * slow and half-sent traffic that no real HTTP client would produce.
 */
public final class RawHttpClient implements AutoCloseable {

    /** A parsed response; header names are lower-cased, values in arrival order. */
    public record Response(String protocol, int status, String reason, Map<String, List<String>> headers,
            byte[] body) {
        public String header(String name) {
            List<String> v = headers.get(name.toLowerCase(Locale.ROOT));
            return v == null ? null : v.get(0);
        }

        public String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    private RawHttpClient(Socket socket) throws IOException {
        this.socket = socket;
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
    }

    public static RawHttpClient connect(int port) {
        return connect(new InetSocketAddress("127.0.0.1", port));
    }

    public static RawHttpClient connect(InetSocketAddress address) {
        try {
            Socket s = new Socket();
            s.connect(address, 5_000);
            s.setSoTimeout(15_000);
            s.setTcpNoDelay(true);
            return new RawHttpClient(s);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A client over a socket already connected (a TLS socket, say). */
    public static RawHttpClient over(Socket connected) {
        try {
            connected.setSoTimeout(15_000);
            return new RawHttpClient(connected);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Socket socket() {
        return socket;
    }

    public RawHttpClient send(String raw) {
        return send(raw.getBytes(StandardCharsets.ISO_8859_1));
    }

    public RawHttpClient send(byte[] raw) {
        try {
            out.write(raw);
            out.flush();
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A GET with the given path, Host and extra header lines (each without CRLF). */
    public RawHttpClient get(String path, String... headerLines) {
        StringBuilder sb = new StringBuilder("GET ").append(path).append(" HTTP/1.1\r\nHost: test.example\r\n");
        for (String h : headerLines) {
            sb.append(h).append("\r\n");
        }
        return send(sb.append("\r\n").toString());
    }

    public Response readResponse() {
        return readResponse(false);
    }

    /** Reads one response; {@code headRequest} when it answers a HEAD (no body whatever the headers say). */
    public Response readResponse(boolean headRequest) {
        try {
            String statusLine = readLine();
            if (statusLine == null) {
                throw new AssertionError("connection closed before a response");
            }
            String[] parts = statusLine.split(" ", 3);
            Map<String, List<String>> headers = new LinkedHashMap<>();
            String line;
            while ((line = readLine()) != null && !line.isEmpty()) {
                int colon = line.indexOf(':');
                headers.computeIfAbsent(line.substring(0, colon).strip().toLowerCase(Locale.ROOT),
                        k -> new ArrayList<>()).add(line.substring(colon + 1).strip());
            }
            int status = Integer.parseInt(parts[1]);
            byte[] body;
            List<String> te = headers.get("transfer-encoding");
            List<String> cl = headers.get("content-length");
            if (headRequest || status == 204 || status == 304 || status / 100 == 1) {
                body = new byte[0];
            } else if (te != null && te.get(te.size() - 1).toLowerCase(Locale.ROOT).contains("chunked")) {
                body = readChunked();
            } else if (cl != null) {
                body = in.readNBytes(Integer.parseInt(cl.get(0)));
            } else {
                body = in.readAllBytes();
            }
            return new Response(parts[0], status, parts.length > 2 ? parts[2] : "", headers, body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private byte[] readChunked() throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            String sizeLine = readLine();
            int semi = sizeLine.indexOf(';');
            int size = Integer.parseInt((semi >= 0 ? sizeLine.substring(0, semi) : sizeLine).strip(), 16);
            if (size == 0) {
                String trailer;
                while ((trailer = readLine()) != null && !trailer.isEmpty()) {
                    // trailers are dropped
                }
                return body.toByteArray();
            }
            body.write(in.readNBytes(size));
            readLine();
        }
    }

    private String readLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != -1) {
            if (b == '\n') {
                byte[] bytes = line.toByteArray();
                int n = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                return new String(bytes, 0, n, StandardCharsets.ISO_8859_1);
            }
            line.write(b);
        }
        return line.size() == 0 ? null : line.toString(StandardCharsets.ISO_8859_1);
    }

    /** True when the server has sent something not read yet, or closed (asks without waiting). */
    public boolean hasInput() {
        try {
            return in.available() > 0;
        } catch (IOException e) {
            return true;
        }
    }

    /** True when the server closed the connection (read returns end of stream within the timeout). */
    public boolean isClosedByPeer() {
        try {
            socket.setSoTimeout(10_000);
            return in.read() == -1;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true; // reset
        }
    }

    /** True when the connection is still open after {@code millis} without data from the server. */
    public boolean staysOpenFor(int millis) {
        try {
            socket.setSoTimeout(millis);
            int b = in.read();
            if (b != -1) {
                throw new AssertionError("unexpected byte from server: " + b);
            }
            return false;
        } catch (SocketTimeoutException e) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            // closing a test socket
        }
    }
}
