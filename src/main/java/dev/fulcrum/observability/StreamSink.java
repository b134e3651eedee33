package dev.fulcrum.observability;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/** Lines to a stream ({@code access_logs.path: -} is standard output), flushed after each batch. */
final class StreamSink implements LogSink {

    private final OutputStream out;
    private final boolean closeStream;

    StreamSink(OutputStream out, boolean closeStream) {
        this.out = out;
        this.closeStream = closeStream;
    }

    @Override
    public void write(Instant time, String line) throws IOException {
        out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        if (out instanceof PrintStream p && p.checkError()) {
            throw new IOException("the output stream failed");
        }
    }

    @Override
    public void flush() throws IOException {
        out.flush();
    }

    @Override
    public void close() throws IOException {
        out.flush();
        if (closeStream) {
            out.close();
        }
    }
}
