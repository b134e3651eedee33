package dev.fulcrum.listener;

import dev.fulcrum.observability.ExchangeLog;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The open client connections of a listener: admitted up to the listener's maximum (more are rejected before
 * anything is read), drained when the balancer stops, and told to the log as they open and close (for metrics).
 */
final class ConnectionTracker {

    private final Set<Http1Connection> open = ConcurrentHashMap.newKeySet();
    private final AtomicInteger admitted = new AtomicInteger();
    private final ExchangeLog log;

    ConnectionTracker(ExchangeLog log) {
        this.log = log;
    }

    /**
     * Takes one of {@code max} places for a new connection (any event loop); false when none is left, and the
     * connection is counted as rejected. The place is given back by {@link #release()} when the connection closes.
     */
    boolean admit(int max) {
        if (admitted.incrementAndGet() > max) {
            admitted.decrementAndGet();
            log.connectionRejected();
            return false;
        }
        return true;
    }

    void release() {
        admitted.decrementAndGet();
    }

    void add(Http1Connection c) {
        if (open.add(c)) {
            log.connectionOpened();
        }
    }

    void remove(Http1Connection c) {
        if (open.remove(c)) {
            log.connectionClosed();
        }
    }

    int size() {
        return open.size();
    }

    /**
     * Asks every connection, on its own loop, to finish its current exchange and close. Every connection is marked
     * first, so that no response sent after this call keeps its connection, whichever loop gets to it last.
     */
    void shutdownAll() {
        open.forEach(Http1Connection::markStopping);
        for (Http1Connection c : open) {
            c.channel().eventLoop().execute(c::shutdown);
        }
    }

    void closeAll() {
        for (Http1Connection c : open) {
            c.channel().close();
        }
    }
}
