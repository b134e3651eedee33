package dev.fulcrum.proxy;

import io.netty.channel.Channel;
import io.netty.util.NetUtil;
import java.net.InetSocketAddress;

/** The client connection as an exchange sees it (implemented by the listener's connection handler). */
public interface ClientConnection {

    /** Reading is paused while any reason is set. */
    int PAUSE_BACKPRESSURE = 1;
    int PAUSE_PIPELINE = 2;
    int PAUSE_CONNECTING = 4;

    Channel channel();

    InetSocketAddress remoteAddress();

    /** {@link #addressText} of {@link #remoteAddress}, worked out once per connection. */
    String remoteAddressText();

    /** An address as X-Forwarded-For carries it: RFC 5952 ({@code ::1}, not {@code 0:0:0:0:0:0:0:1}), no zone id. */
    static String addressText(InetSocketAddress address) {
        return NetUtil.toAddressString(address.getAddress());
    }

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

    /**
     * Drops the HTTP codec: the connection becomes a byte tunnel (WebSocket). The response encoder goes first,
     * then {@code dropTargetCodec} runs (bytes the target sent after its 101 may now reach the client raw), then
     * the request decoder (bytes the client sent after its upgrade request may now reach the target raw).
     */
    void upgradeToTunnel(Runnable dropTargetCodec);
}
