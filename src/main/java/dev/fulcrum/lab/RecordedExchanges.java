package dev.fulcrum.lab;

import dev.fulcrum.observability.ExchangeLog;
import dev.fulcrum.observability.ExchangeRecord;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** The exchange records of a lab run, in the order exchanges ended. */
final class RecordedExchanges implements ExchangeLog {

    private final BlockingQueue<ExchangeRecord> records = new LinkedBlockingQueue<>();

    @Override
    public void record(ExchangeRecord record) {
        records.add(record);
    }

    /** The next record, waiting up to {@code seconds}; {@code null} if none came. */
    ExchangeRecord next(long seconds) throws InterruptedException {
        return records.poll(seconds, TimeUnit.SECONDS);
    }
}
