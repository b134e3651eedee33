package dev.fulcrum.observability;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A log written off the event loops: {@link #offer} only puts the record in a bounded queue, so an event loop never
 * waits for a disk. One writer thread formats and writes the queued records in batches. The access log and the
 * connection log are two of these.
 *
 * <pre>
 *  event loops --offer--> [bounded queue] --drain--> writer thread --format--> sink (rotating files / stdout)
 *               full? drop the line and count it
 * </pre>
 *
 * {@link #close()} writes everything queued before returning; the load balancer closes it after its event loops
 * stopped, so every line of every finished request is written.
 */
final class LineWriter<T> implements AutoCloseable {

    private static final int BATCH = 4_096;
    private static final long TICK_MILLIS = 200;
    /**
     * After a batch short of {@link #BATCH}, the writer waits this long for lines to gather: one wake-up (a futex
     * call on the event loop that offers to a waiting writer) and one write per pause, not per line.
     */
    private static final long GATHER_MILLIS = 10;
    private static final long REPORT_EVERY_NANOS = TimeUnit.SECONDS.toNanos(10);
    private static final Logger log = LoggerFactory.getLogger(LineWriter.class);

    private final Function<T, String> format;
    private final Function<T, Instant> time;
    /** What the log is called in messages: {@code Access log}. */
    private final String what;
    private final LogSink sink;
    private final Clock clock;
    private final BlockingQueue<T> queue;
    private final LongAdder dropped = new LongAdder();
    private final LongAdder written = new LongAdder();
    private final Thread thread;
    private volatile boolean closing;
    private volatile boolean stopped;
    private boolean failing;
    private long reportedDrops;
    private long reportedAtNanos = System.nanoTime() - REPORT_EVERY_NANOS;

    LineWriter(String what, Function<T, String> format, Function<T, Instant> time, LogSink sink, Clock clock,
            int capacity, String threadName) {
        this.what = what;
        this.format = format;
        this.time = time;
        this.sink = sink;
        this.clock = clock;
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.thread = new Thread(this::run, threadName);
        this.thread.setDaemon(true);
        this.thread.start();
    }

    void offer(T record) {
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
        List<T> batch = new ArrayList<>(BATCH);
        try {
            while (true) {
                T first = queue.poll(TICK_MILLIS, TimeUnit.MILLISECONDS);
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
            log.warn("{}: {} lines dropped (the writer could not keep up, or writing failed); {} in all", what,
                    now - reportedDrops, now);
            reportedDrops = now;
        }
    }

    private void writeBatch(List<T> batch) {
        int done = 0;
        try {
            for (T r : batch) {
                sink.write(time.apply(r), format.apply(r));
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
            log.error("{}: writing failed, lines are dropped until it works again", what, e);
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
