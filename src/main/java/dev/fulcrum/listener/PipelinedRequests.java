package dev.fulcrum.listener;

import io.netty.util.ReferenceCountUtil;
import java.util.ArrayDeque;

/**
 * The messages of pipelined requests that wait, in order, while the response before them is produced. Most
 * connections never pipeline, so the queue is made on the first one.
 */
final class PipelinedRequests {

    private ArrayDeque<Object> queued;

    void add(Object msg) {
        if (queued == null) {
            queued = new ArrayDeque<>();
        }
        queued.add(msg);
    }

    boolean isEmpty() {
        return queued == null || queued.isEmpty();
    }

    /** The oldest waiting message, {@code null} when none waits. */
    Object poll() {
        return queued == null ? null : queued.poll();
    }

    /** Drops every waiting message (the connection closes). */
    void releaseAll() {
        if (queued != null) {
            queued.forEach(ReferenceCountUtil::release);
            queued.clear();
        }
    }
}
