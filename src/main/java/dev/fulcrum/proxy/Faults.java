package dev.fulcrum.proxy;

import io.netty.handler.codec.http.HttpRequest;

/**
 * A seam for fault injection: tests and {@code fulcrum lab} use it to make the balancer itself fail on a chosen
 * request, which is the only honest way to show that an internal failure costs one exchange (500) and nothing
 * else. Production runs with {@link #NONE}.
 */
@FunctionalInterface
public interface Faults {

    Faults NONE = request -> { };

    /** Called before a request is routed; an exception thrown here is an internal failure of that exchange. */
    void beforeRouting(HttpRequest request);
}
