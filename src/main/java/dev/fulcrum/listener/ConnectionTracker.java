package dev.fulcrum.listener;

import dev.fulcrum.observability.ExchangeLog;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** The open client connections of a listener, so a stop can drain them; tells the log of each (for metrics). */
final class ConnectionTracker {

    private final Set<ClientHandler> open = ConcurrentHashMap.newKeySet();
    private final ExchangeLog log;

    ConnectionTracker(ExchangeLog log) {
        this.log = log;
    }

    void add(ClientHandler h) {
        if (open.add(h)) {
            log.connectionOpened();
        }
    }

    void remove(ClientHandler h) {
        if (open.remove(h)) {
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
        open.forEach(ClientHandler::markClosing);
        for (ClientHandler h : open) {
            h.channel().eventLoop().execute(h::shutdown);
        }
    }

    void closeAll() {
        for (ClientHandler h : open) {
            h.channel().close();
        }
    }
}
