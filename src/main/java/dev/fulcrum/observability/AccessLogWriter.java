package dev.fulcrum.observability;

import dev.fulcrum.config.AccessLogAttributes;
import dev.fulcrum.core.ResourceIds;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * The access log: an {@link ExchangeLog} whose {@link #record} only offers the record to a bounded queue, so an
 * event loop never waits for a disk; a {@link LineWriter} formats and writes the queued records in batches.
 *
 * <pre>
 *  event loops --offer--> [bounded queue] --drain--> writer thread --format--> sink (rotating files / stdout)
 *               full? drop the line and count it
 * </pre>
 *
 * {@link #close()} writes everything queued before returning; the load balancer closes it after its event loops
 * stopped, so every line of every finished request is written.
 */
public final class AccessLogWriter implements ExchangeLog, AutoCloseable {

    /** Lines held in memory at most (about 30 MB of records at ALB-sized lines). */
    public static final int DEFAULT_CAPACITY = 65_536;

    private final LineWriter<ExchangeRecord> lines;

    AccessLogWriter(AccessLogFormat format, LogSink sink, Clock clock, int capacity, String threadName) {
        this.lines = new LineWriter<>("Access log", format::format, ExchangeRecord::time, sink, clock, capacity,
                threadName);
    }

    /**
     * Starts the writer the attributes describe.
     *
     * @param stdout where {@code access_logs.path: -} writes
     * @param nodeIp the balancer's own address, in file names as ALB's node IP
     */
    public static AccessLogWriter start(AccessLogAttributes attributes, String loadBalancerName, String nodeIp,
            Clock clock, RandomGenerator random, OutputStream stdout) {
        AccessLogFormat format = AccessLogFormat.of(attributes.format(), loadBalancerName);
        if (!attributes.toStdout()) {
            checkFolder(Path.of(attributes.path()), "access_logs.path");
        }
        LogSink sink = attributes.toStdout() ? new StreamSink(stdout, false)
                : new RotatingFileSink(Path.of(attributes.path()), "", ResourceIds.ACCOUNT, ResourceIds.REGION,
                        ResourceIds.loadBalancerId(loadBalancerName), nodeIp,
                        Duration.ofMinutes(attributes.intervalMinutes()), attributes.compress(), random);
        return new AccessLogWriter(format, sink, clock, DEFAULT_CAPACITY, "fulcrum-access-log");
    }

    /** A folder that cannot be written is refused at start, not discovered at the first request. */
    static void checkFolder(Path folder, String key) {
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw new IllegalArgumentException(key + ": " + folder + " cannot be created (" + e + ")", e);
        }
        if (!Files.isDirectory(folder) || !Files.isWritable(folder)) {
            throw new IllegalArgumentException(key + ": " + folder + " is not a writable folder");
        }
    }

    /** Writes to {@code out}; for the lab and tests. */
    public static AccessLogWriter toStream(AccessLogFormat format, OutputStream out, Clock clock, int capacity) {
        return new AccessLogWriter(format, new StreamSink(out, false), clock, capacity, "fulcrum-access-log");
    }

    @Override
    public void record(ExchangeRecord record) {
        lines.offer(record);
    }

    /** Lines dropped because the queue was full (the disk could not keep up) or writing failed. */
    public long droppedLines() {
        return lines.droppedLines();
    }

    /** Lines handed to the sink. */
    public long writtenLines() {
        return lines.writtenLines();
    }

    /** Writes every queued line, closes the file, and stops the writer thread. */
    @Override
    public void close() {
        lines.close();
    }
}
