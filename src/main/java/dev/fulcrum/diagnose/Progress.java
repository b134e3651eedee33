package dev.fulcrum.diagnose;

import java.io.PrintStream;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A one-line progress bar on standard error while a large input is read: bytes read (of the files' sizes, when
 * known), lines per second and the time left. Redrawn at most five times a second; silent when not enabled.
 */
final class Progress {

    private static final long REDRAW_NANOS = 200_000_000L;

    private final PrintStream out;
    private final boolean enabled;
    private final long totalBytes;
    private final AtomicLong bytes = new AtomicLong();
    private final long startNanos = System.nanoTime();
    private long lastDraw;
    private boolean drawn;

    /**
     * @param totalBytes the inputs' sizes added up, {@code -1} when one is unknown (standard input)
     */
    Progress(PrintStream out, boolean enabled, long totalBytes) {
        this.out = out;
        this.enabled = enabled;
        this.totalBytes = totalBytes;
    }

    static Progress off() {
        return new Progress(System.err, false, -1);
    }

    /** The counter the inputs add the bytes they read to. */
    AtomicLong bytes() {
        return bytes;
    }

    void update(long lines) {
        if (!enabled) {
            return;
        }
        long now = System.nanoTime();
        if (now - lastDraw < REDRAW_NANOS) {
            return;
        }
        lastDraw = now;
        drawn = true;
        out.print("\r" + line(lines, now) + "\u001b[K");
        out.flush();
    }

    void finish() {
        if (enabled && drawn) {
            out.print("\r\u001b[K");
            out.flush();
        }
    }

    String line(long lines, long now) {
        double seconds = Math.max(1e-3, (now - startNanos) / 1e9);
        long read = bytes.get();
        String rate = String.format(Locale.ROOT, "%,.0f lines/s", lines / seconds);
        if (totalBytes <= 0) {
            return String.format(Locale.ROOT, "%s read, %,d lines, %s", size(read), lines, rate);
        }
        double done = Math.min(1.0, read / (double) totalBytes);
        int width = 30;
        int filled = (int) Math.round(done * width);
        long leftSeconds = done <= 0 ? -1 : Math.round(seconds * (1 - done) / done);
        return String.format(Locale.ROOT, "[%s%s] %3.0f%% %s of %s, %s, %s left", "#".repeat(filled),
                " ".repeat(width - filled), done * 100, size(read), size(totalBytes), rate,
                leftSeconds < 0 ? "?" : leftSeconds / 60 + ":" + String.format(Locale.ROOT, "%02d", leftSeconds % 60));
    }

    static String size(long bytes) {
        if (bytes < 1024 * 1024) {
            return String.format(Locale.ROOT, "%.0f KiB", bytes / 1024.0);
        }
        if (bytes < 1024L * 1024 * 1024) {
            return String.format(Locale.ROOT, "%.1f MiB", bytes / (1024.0 * 1024));
        }
        return String.format(Locale.ROOT, "%.2f GiB", bytes / (1024.0 * 1024 * 1024));
    }
}
