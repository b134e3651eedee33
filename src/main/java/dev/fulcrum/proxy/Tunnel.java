package dev.fulcrum.proxy;

import dev.fulcrum.transport.Leg;
import io.netty.buffer.ByteBuf;

/**
 * A WebSocket after its 101: raw bytes both ways, each direction paused while the other side cannot take more.
 * It ends when either side closes or both stay silent for the idle timeout.
 */
final class Tunnel {

    private final ClientStream client;
    private final Leg target;
    private final Outcome outcome;

    Tunnel(ClientStream client, Leg target, Outcome outcome) {
        this.client = client;
        this.target = target;
        this.outcome = outcome;
    }

    void fromClient(Object msg) {
        Leg.relay(msg, client, target, true);
    }

    void fromTarget(Object msg) {
        if (msg instanceof ByteBuf b) {
            outcome.responseBody(b.readableBytes());
        }
        Leg.relay(msg, target, client, true);
    }
}
