package dev.fulcrum.proxy;

import io.netty.channel.Channel;
import java.net.InetSocketAddress;

/** The client connection as an exchange sees it (implemented by the listener's connection handler). */
public interface ClientConnection {

    /** Reading is paused while any reason is set. */
    int PAUSE_BACKPRESSURE = 1;
    int PAUSE_PIPELINE = 2;
    int PAUSE_CONNECTING = 4;

    Channel channel();

    InetSocketAddress remoteAddress();

    /** {@code TID_} + 32 hex, the same for every request of this connection. */
    String connTraceId();

    /** Bytes read from the client on this connection so far (headers included). */
    long receivedBytes();

    /** Bytes read on this connection when the previous exchange ended (0 for the first). */
    long receivedBytesMark();

    /** Bytes written to the client on this connection so far. */
    long sentBytes();

    void pauseReading(int reason);

    void resumeReading(int reason);

    /** False once the connection must end after the current exchange (shutdown, client_keep_alive elapsed). */
    boolean mayKeepAlive();

    /** The exchange ended; the connection serves the next request or closes. */
    void exchangeFinished(Exchange exchange, boolean keepAlive);

    /** Drops the HTTP codec: the connection becomes a byte tunnel (WebSocket). */
    void upgradeToTunnel();
}
