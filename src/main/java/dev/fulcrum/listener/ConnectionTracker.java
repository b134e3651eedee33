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

    private final Set<ClientConnection> open = ConcurrentHashMap.newKeySet();
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

    void add(ClientConnection c) {
        if (open.add(c)) {
            log.connectionOpened();
        }
    }

    void remove(ClientConnection c) {
        if (open.remove(c)) {
            log.connectionClosed();
        }
    }

    /** The same connection now speaks another protocol (HTTP/2 chosen by ALPN): tracked as one, counted once. */
    void replace(ClientConnection before, ClientConnection after) {
        if (open.remove(before)) {
            open.add(after);
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
        open.forEach(ClientConnection::markStopping);
        for (ClientConnection c : open) {
            c.channel().eventLoop().execute(c::shutdown);
        }
    }

    void closeAll() {
        for (ClientConnection c : open) {
            c.channel().close();
        }
    }
}
