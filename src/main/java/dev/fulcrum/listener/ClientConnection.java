package dev.fulcrum.listener;

import io.netty.channel.Channel;

/** A client connection its listener keeps track of, whatever it speaks: drained and closed when the balancer stops. */
interface ClientConnection {

    Channel channel();

    /** The balancer stops (any thread): no response from now on keeps the connection. */
    void markStopping();

    /** On the connection's event loop: finish what is in flight, then close. */
    void shutdown();
}
