package dev.fulcrum.observability;

import dev.fulcrum.config.AccessLogAttributes;
import dev.fulcrum.core.ResourceIds;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The access log: an {@link ExchangeLog} whose {@link #record} only offers the record to a bounded queue, so an
 * event loop never waits for a disk. One writer thread formats and writes the queued records in batches.
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
    private static final int BATCH = 4_096;
    private static final long TICK_MILLIS = 200;
    /**
     * After a batch short of {@link #BATCH}, the writer waits this long for lines to gather: one wake-up (a futex
     * call on the event loop that offers to a waiting writer) and one write per pause, not per line.
     */
    private static final long GATHER_MILLIS = 10;
    private static final long REPORT_EVERY_NANOS = TimeUnit.SECONDS.toNanos(10);
    private static final Logger log = LoggerFactory.getLogger(AccessLogWriter.class);

    private final AccessLogFormat format;
    private final LogSink sink;
    private final Clock clock;
    private final BlockingQueue<ExchangeRecord> queue;
    private final LongAdder dropped = new LongAdder();
    private final LongAdder written = new LongAdder();
    private final Thread thread;
    private volatile boolean closing;
    private volatile boolean stopped;
    private boolean failing;
    private long reportedDrops;
    private long reportedAtNanos = System.nanoTime() - REPORT_EVERY_NANOS;

    AccessLogWriter(AccessLogFormat format, LogSink sink, Clock clock, int capacity, String threadName) {
        this.format = format;
        this.sink = sink;
        this.clock = clock;
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.thread = new Thread(this::run, threadName);
        this.thread.setDaemon(true);
        this.thread.start();
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
            checkFolder(Path.of(attributes.path()));
        }
        LogSink sink = attributes.toStdout() ? new StreamSink(stdout, false)
                : new RotatingFileSink(Path.of(attributes.path()), ResourceIds.ACCOUNT, ResourceIds.REGION,
                        ResourceIds.loadBalancerId(loadBalancerName), nodeIp,
                        Duration.ofMinutes(attributes.intervalMinutes()), attributes.compress(), random);
        return new AccessLogWriter(format, sink, clock, DEFAULT_CAPACITY, "fulcrum-access-log");
    }

    /** A folder that cannot be written is refused at start, not discovered at the first request. */
    private static void checkFolder(Path folder) {
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw new IllegalArgumentException("access_logs.path: " + folder + " cannot be created (" + e + ")", e);
        }
        if (!Files.isDirectory(folder) || !Files.isWritable(folder)) {
            throw new IllegalArgumentException("access_logs.path: " + folder + " is not a writable folder");
        }
    }

    /** Writes to {@code out}; for the lab and tests. */
    public static AccessLogWriter toStream(AccessLogFormat format, OutputStream out, Clock clock, int capacity) {
        return new AccessLogWriter(format, new StreamSink(out, false), clock, capacity, "fulcrum-access-log");
    }

    @Override
    public void record(ExchangeRecord record) {
        if (stopped || !queue.offer(record)) {
            dropped.increment();
        }
    }

    /** Lines dropped because the queue was full (the disk could not keep up) or writing failed. */
    public long droppedLines() {
        return dropped.sum();
    }

    /** Lines handed to the sink. */
    public long writtenLines() {
        return written.sum();
    }

    private void run() {
        List<ExchangeRecord> batch = new ArrayList<>(BATCH);
        try {
            while (true) {
                ExchangeRecord first = queue.poll(TICK_MILLIS, TimeUnit.MILLISECONDS);
                if (first != null) {
                    batch.add(first);
                    queue.drainTo(batch, BATCH - 1);
                    writeBatch(batch);
                    boolean more = batch.size() == BATCH;
                    batch.clear();
                    if (!more && !closing) {
                        Thread.sleep(GATHER_MILLIS);
                    }
                }
                try {
                    sink.tick(clock.instant());
                } catch (IOException e) {
                    failed(e, 0);
                }
                reportDrops(false);
                if (closing && queue.isEmpty()) {
                    break;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            stopped = true;
            try {
                sink.close();
            } catch (IOException e) {
                failed(e, 0);
            }
            reportDrops(true);
        }
    }

    /**
     * Says on this thread, never on an event loop, when lines were dropped since the last report; at most every
     * {@link #REPORT_EVERY_NANOS} while it lasts, and once more at the end.
     */
    private void reportDrops(boolean last) {
        long now = dropped.sum();
        if (now > reportedDrops && (last || System.nanoTime() - reportedAtNanos >= REPORT_EVERY_NANOS)) {
            reportedAtNanos = System.nanoTime();
            log.warn("Access log: {} lines dropped (the writer could not keep up, or writing failed); {} in all",
                    now - reportedDrops, now);
            reportedDrops = now;
        }
    }

    private void writeBatch(List<ExchangeRecord> batch) {
        int done = 0;
        try {
            for (ExchangeRecord r : batch) {
                sink.write(r.time(), format.format(r));
                done++;
            }
            sink.flush();
            written.add(done);
            failing = false;
        } catch (IOException | RuntimeException e) {
            failed(e, batch.size() - done);
            written.add(done);
        }
    }

    private void failed(Exception e, int lost) {
        dropped.add(lost);
        if (!failing) {
            failing = true; // one message per run of failures, not one per batch
            log.error("Access log: writing failed, lines are dropped until it works again", e);
        }
    }

    /** Writes every queued line, closes the file, and stops the writer thread. */
    @Override
    public void close() {
        closing = true;
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
