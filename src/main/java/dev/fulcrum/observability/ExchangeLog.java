package dev.fulcrum.observability;

import java.util.List;

/**
 * Receives the record of every finished exchange (access log, metrics, the lab), and the opening and closing of
 * client connections (for the connection metrics). Called on event loops: implementations must not block; they
 * hand work to their own threads.
 */
@FunctionalInterface
public interface ExchangeLog {

    void record(ExchangeRecord record);

    /** A client connection was accepted. */
    default void connectionOpened() {
    }

    /** A client connection closed. */
    default void connectionClosed() {
    }

    static ExchangeLog discard() {
        return r -> { };
    }

    static ExchangeLog of(List<ExchangeLog> logs) {
        List<ExchangeLog> copy = List.copyOf(logs);
        return new ExchangeLog() {
            @Override
            public void record(ExchangeRecord r) {
                copy.forEach(l -> l.record(r));
            }

            @Override
            public void connectionOpened() {
                copy.forEach(ExchangeLog::connectionOpened);
            }

            @Override
            public void connectionClosed() {
                copy.forEach(ExchangeLog::connectionClosed);
            }
        };
    }
}
