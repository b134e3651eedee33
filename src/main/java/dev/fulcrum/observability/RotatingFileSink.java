package dev.fulcrum.observability;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.random.RandomGenerator;
import java.util.zip.GZIPOutputStream;

/**
 * Access-log files laid out and named as ALB delivers them to S3, under a local folder:
 * <pre>
 * folder/AWSLogs/000000000000/elasticloadbalancing/local/yyyy/mm/dd/
 *   000000000000_elasticloadbalancing_local_app.&lt;name&gt;.&lt;id&gt;_&lt;end time, yyyyMMddTHHmmZ&gt;_&lt;node ip&gt;_&lt;random&gt;.log.gz
 * </pre>
 * One file per interval that saw requests, named by the interval's end; a line goes to the file of the interval
 * its exchange ended in. A file is closed (its gzip trailer written) when its interval is over.
 */
final class RotatingFileSink implements LogSink {

    private static final DateTimeFormatter END = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmm'Z'")
            .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy/MM/dd").withZone(ZoneOffset.UTC);
    private static final String ALPHABET = "0123456789abcdefghijklmnopqrstuvwxyz";

    private final Path folder;
    private final String account;
    private final String region;
    private final String loadBalancerId;
    private final String nodeIp;
    private final long intervalMillis;
    private final boolean compress;
    private final RandomGenerator random;
    private final String prefix;
    private OutputStream current;
    private Path currentPath;
    private Instant currentEnd;

    /**
     * @param prefix before the file name: empty for access logs, {@code conn_log.} for ALB's connection logs
     * @param loadBalancerId {@code app/<name>/<16 hex>}
     */
    RotatingFileSink(Path folder, String prefix, String account, String region, String loadBalancerId, String nodeIp,
            Duration interval, boolean compress, RandomGenerator random) {
        this.folder = folder;
        this.prefix = prefix;
        this.account = account;
        this.region = region;
        this.loadBalancerId = loadBalancerId;
        this.nodeIp = nodeIp;
        this.intervalMillis = interval.toMillis();
        this.compress = compress;
        this.random = random;
    }

    /** The end of the interval {@code time} falls in. */
    Instant intervalEnd(Instant time) {
        long millis = time.toEpochMilli();
        return Instant.ofEpochMilli(Math.floorDiv(millis, intervalMillis) * intervalMillis + intervalMillis);
    }

    @Override
    public void write(Instant time, String line) throws IOException {
        Instant end = intervalEnd(time);
        if (current == null || end.isAfter(currentEnd)) {
            closeCurrent();
            open(end);
        }
        // A line of an earlier interval (an exchange that ended just before the boundary) joins the open file.
        current.write(line.getBytes(StandardCharsets.UTF_8));
        current.write('\n');
    }

    private void open(Instant end) throws IOException {
        Path dir = folder.resolve("AWSLogs").resolve(account).resolve("elasticloadbalancing").resolve(region)
                .resolve(DAY.format(end)); // the day of delivery, as ALB
        Files.createDirectories(dir);
        String name = prefix + account + "_elasticloadbalancing_" + region + "_" + loadBalancerId.replace('/', '.') + "_"
                + END.format(end) + "_" + nodeIp + "_" + randomSuffix() + ".log" + (compress ? ".gz" : "");
        currentPath = dir.resolve(name);
        OutputStream file = Files.newOutputStream(currentPath, StandardOpenOption.CREATE_NEW,
                StandardOpenOption.WRITE);
        // syncFlush: each batch becomes readable at once (zcat shows it) while the file is still open
        current = new BufferedOutputStream(compress ? new GZIPOutputStream(file, 64 * 1024, true) : file, 64 * 1024);
        currentEnd = end;
    }

    private String randomSuffix() {
        char[] c = new char[8];
        for (int i = 0; i < c.length; i++) {
            c[i] = ALPHABET.charAt(random.nextInt(ALPHABET.length()));
        }
        return new String(c);
    }

    @Override
    public void flush() throws IOException {
        if (current != null) {
            current.flush();
        }
    }

    @Override
    public void tick(Instant now) throws IOException {
        if (current != null && !now.isBefore(currentEnd)) {
            closeCurrent();
        }
    }

    private void closeCurrent() throws IOException {
        if (current != null) {
            OutputStream c = current;
            current = null;
            c.close();
        }
    }

    /** The file being written, or {@code null}. */
    Path currentPath() {
        return current == null ? null : currentPath;
    }

    @Override
    public void close() throws IOException {
        closeCurrent();
    }
}
