package dev.fulcrum.testing;

import dev.fulcrum.observability.ExchangeLog;
import dev.fulcrum.observability.ExchangeRecord;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/** Keeps every exchange record so tests can assert what the balancer logged. */
public final class RecordingLog implements ExchangeLog {

    private final List<ExchangeRecord> records = new CopyOnWriteArrayList<>();

    @Override
    public void record(ExchangeRecord record) {
        records.add(record);
    }

    public List<ExchangeRecord> all() {
        return List.copyOf(records);
    }

    /** Waits (up to 15 s) for the n-th record (1-based) and returns it. */
    public ExchangeRecord awaitRecord(int n) {
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(15)).until(() -> records.size() >= n);
        return records.get(n - 1);
    }

    /** Waits for a record matching {@code p} and returns the first one. */
    public ExchangeRecord await(Predicate<ExchangeRecord> p) {
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(15)).until(() -> records.stream().anyMatch(p));
        return records.stream().filter(p).findFirst().orElseThrow();
    }

    public ExchangeRecord last() {
        return awaitRecord(Math.max(1, records.size()));
    }

    public int size() {
        return records.size();
    }
}
