package dev.fulcrum.diagnose;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Lines of a byte stream, each at most {@link #MAX_LINE} bytes: a longer one (binary input, a file without line
 * ends) is skipped to its end and reported as {@link #TOO_LONG}, so memory stays bounded whatever the input.
 * Bytes are read as ISO-8859-1, which never fails: access logs are ASCII, and a damaged byte only spoils its line.
 */
final class LineReader {

    static final int MAX_LINE = 256 * 1024;
    /** Returned instead of a line that was longer than {@link #MAX_LINE}. */
    static final String TOO_LONG = new String("(line too long)");

    private final InputStream in;
    private final byte[] buffer = new byte[64 * 1024];
    private byte[] line = new byte[1024];
    private int position;
    private int limit;
    private long number;

    LineReader(InputStream in) {
        this.in = in;
    }

    /** The line number of the last line returned, from 1. */
    long number() {
        return number;
    }

    /** The next line without its line end, {@link #TOO_LONG}, or {@code null} at the end of the stream. */
    String next() throws IOException {
        int length = 0;
        boolean tooLong = false;
        boolean any = false;
        while (true) {
            if (position == limit) {
                limit = in.read(buffer, 0, buffer.length);
                position = 0;
                if (limit <= 0) {
                    limit = 0;
                    if (!any) {
                        return null;
                    }
                    break;
                }
            }
            any = true;
            int start = position;
            int nl = -1;
            for (int i = position; i < limit; i++) {
                if (buffer[i] == '\n') {
                    nl = i;
                    break;
                }
            }
            int end = nl < 0 ? limit : nl;
            int chunk = end - start;
            if (!tooLong) {
                if (length + chunk > MAX_LINE) {
                    tooLong = true;
                } else {
                    ensure(length + chunk);
                    System.arraycopy(buffer, start, line, length, chunk);
                    length += chunk;
                }
            }
            position = nl < 0 ? limit : nl + 1;
            if (nl >= 0) {
                break;
            }
        }
        number++;
        if (tooLong) {
            return TOO_LONG;
        }
        if (length > 0 && line[length - 1] == '\r') {
            length--;
        }
        return new String(line, 0, length, StandardCharsets.ISO_8859_1);
    }

    private void ensure(int capacity) {
        if (capacity > line.length) {
            byte[] bigger = new byte[Math.max(capacity, line.length * 2)];
            System.arraycopy(line, 0, bigger, 0, line.length);
            line = bigger;
        }
    }
}
