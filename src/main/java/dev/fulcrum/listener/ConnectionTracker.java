package dev.fulcrum.listener;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** The open client connections of a listener, so a stop can drain them. */
final class ConnectionTracker {

    private final Set<ClientHandler> open = ConcurrentHashMap.newKeySet();

    void add(ClientHandler h) {
        open.add(h);
    }

    void remove(ClientHandler h) {
        open.remove(h);
    }

    int size() {
        return open.size();
    }

    /** Asks every connection, on its own loop, to finish its current exchange and close. */
    void shutdownAll() {
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
