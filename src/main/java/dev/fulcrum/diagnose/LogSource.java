package dev.fulcrum.diagnose;

import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.GZIPInputStream;

/**
 * One input: a file (plain or gzipped, told by its first two bytes, not its name) or standard input. The bytes
 * read from it are counted as they are read, for the progress bar.
 *
 * @param name how reports name it (the path, or {@code -} for standard input)
 * @param sizeBytes the file's size, {@code -1} when unknown (standard input)
 */
record LogSource(String name, long sizeBytes, Opener opener) {

    /** Opens the raw bytes. */
    @FunctionalInterface
    interface Opener {
        InputStream open() throws IOException;
    }

    static LogSource file(Path path) {
        long size;
        try {
            size = Files.size(path);
        } catch (IOException e) {
            size = 0;
        }
        return new LogSource(path.toString(), size, () -> Files.newInputStream(path));
    }

    static LogSource stdin(InputStream in) {
        return new LogSource("-", -1, () -> new FilterInputStream(in) {
            @Override
            public void close() {
                // standard input stays open
            }
        });
    }

    /** The decoded bytes (gunzipped when the data is gzip), counting the raw bytes read into {@code counter}. */
    InputStream openDecoded(AtomicLong counter) throws IOException {
        InputStream raw = new BufferedInputStream(new Counting(opener.open(), counter), 256 * 1024);
        raw.mark(2);
        int b1 = raw.read();
        int b2 = raw.read();
        raw.reset();
        if (b1 == 0x1f && b2 == 0x8b) {
            return new GZIPInputStream(raw, 256 * 1024);
        }
        return raw;
    }

    private static final class Counting extends FilterInputStream {
        private final AtomicLong counter;

        Counting(InputStream in, AtomicLong counter) {
            super(in);
            this.counter = counter;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                counter.incrementAndGet();
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                counter.addAndGet(n);
            }
            return n;
        }
    }
}
