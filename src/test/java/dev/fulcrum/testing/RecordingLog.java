package dev.fulcrum.testing;

import dev.fulcrum.observability.AccessLogFormat;
import dev.fulcrum.observability.ExchangeLog;
import dev.fulcrum.observability.ExchangeRecord;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/**
 * Keeps every exchange record so tests can assert what the balancer logged. Every record is also written as an
 * ALB access-log line, and every read of the records first checks that Athena's ALB expression parses all lines so
 * far ({@link AlbLogRegex}): each end-to-end test checks its log lines on the side.
 */
public final class RecordingLog implements ExchangeLog {

    private static final AccessLogFormat ALB = AccessLogFormat.alb("test-lb");

    private final List<ExchangeRecord> records = new CopyOnWriteArrayList<>();
    private final List<String> lines = new CopyOnWriteArrayList<>();

    @Override
    public void record(ExchangeRecord record) {
        String line;
        try {
            line = ALB.format(record);
        } catch (RuntimeException e) {
            line = "format failed: " + e; // reported on the test's thread, never on the event loop
        }
        lines.add(line);
        records.add(record);
    }

    public List<ExchangeRecord> all() {
        checkLines();
        return List.copyOf(records);
    }

    /** The ALB access-log lines of the records so far, each checked against Athena's expression. */
    public List<String> lines() {
        checkLines();
        return List.copyOf(lines);
    }

    private void checkLines() {
        lines.forEach(AlbLogRegex::parse);
    }

    /** Waits (up to 15 s) for the n-th record (1-based) and returns it. */
    public ExchangeRecord awaitRecord(int n) {
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(15)).until(() -> records.size() >= n);
        checkLines();
        return records.get(n - 1);
    }

    /** Waits for a record matching {@code p} and returns the first one. */
    public ExchangeRecord await(Predicate<ExchangeRecord> p) {
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(15)).until(() -> records.stream().anyMatch(p));
        checkLines();
        return records.stream().filter(p).findFirst().orElseThrow();
    }

    public int size() {
        return records.size();
    }
}
