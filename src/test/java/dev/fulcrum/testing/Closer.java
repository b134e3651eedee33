package dev.fulcrum.testing;

import java.util.ArrayDeque;
import java.util.Deque;

/** Closes what a test opened (balancers, targets, clients), last opened first. */
public final class Closer implements AutoCloseable {

    private final Deque<AutoCloseable> open = new ArrayDeque<>();

    public <T extends AutoCloseable> T keep(T resource) {
        open.push(resource);
        return resource;
    }

    @Override
    public void close() throws Exception {
        while (!open.isEmpty()) {
            open.pop().close();
        }
    }
}
