package dev.fulcrum.observability;

import java.util.List;

/**
 * Receives the record of every finished exchange (access log, metrics, the lab). Called on an event loop:
 * implementations must not block; they hand work to their own threads.
 */
@FunctionalInterface
public interface ExchangeLog {

    void record(ExchangeRecord record);

    static ExchangeLog discard() {
        return r -> { };
    }

    static ExchangeLog of(List<ExchangeLog> logs) {
        List<ExchangeLog> copy = List.copyOf(logs);
        return r -> copy.forEach(l -> l.record(r));
    }
}
