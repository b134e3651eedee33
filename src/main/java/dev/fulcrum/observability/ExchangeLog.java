package dev.fulcrum.observability;

import java.util.List;

/**
 * Receives the record of every finished exchange (access log, metrics, the lab), the opening and closing of
 * connections, client to balancer and balancer to target (for ALB's connection metrics, which count both), and each
 * client TLS handshake (the connection log).
 * Called on event loops: implementations must not block; they hand work to their own threads.
 */
@FunctionalInterface
public interface ExchangeLog {

    void record(ExchangeRecord record);

    /** A connection opened: a client's was accepted, or one to a target was established. */
    default void connectionOpened() {
    }

    /** A connection of either kind closed. */
    default void connectionClosed() {
    }

    /** A client connection was closed at once, unread: its listener was at its maximum of open connections. */
    default void connectionRejected() {
    }

    /**
     * A client's TLS handshake ended, well or not: the connection log's line, and when it failed
     * ClientTLSNegotiationErrorCount.
     */
    default void tlsConnection(TlsConnectionRecord record) {
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

            @Override
            public void connectionRejected() {
                copy.forEach(ExchangeLog::connectionRejected);
            }

            @Override
            public void tlsConnection(TlsConnectionRecord record) {
                copy.forEach(l -> l.tlsConnection(record));
            }
        };
    }
}
