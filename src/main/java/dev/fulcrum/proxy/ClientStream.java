package dev.fulcrum.proxy;

import dev.fulcrum.core.TlsSession;
import dev.fulcrum.transport.Leg;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.EventLoop;
import io.netty.util.NetUtil;
import java.net.InetSocketAddress;

/**
 * The client side of one exchange, whatever carries it: an HTTP/1.1 connection today (one exchange at a time), an
 * HTTP/2 stream later. The exchange writes the response to it as {@code HttpObject}s and pauses and resumes its
 * reading as it does the target's ({@link Leg}); it never sees the connection underneath.
 */
public interface ClientStream extends Leg {

    InetSocketAddress remoteAddress();

    /** {@link #addressText} of {@link #remoteAddress}, worked out once per connection. */
    String remoteAddressText();

    /** An address as X-Forwarded-For carries it: RFC 5952 ({@code ::1}, not {@code 0:0:0:0:0:0:0:1}), no zone id. */
    static String addressText(InetSocketAddress address) {
        return NetUtil.toAddressString(address.getAddress());
    }

    /** {@code TID_} + 32 hex, the same for every request of this connection. */
    String connTraceId();

    /** Whether this is a stream of an HTTP/2 connection (the log's {@code h2} and {@code HTTP/2.0}). */
    default boolean http2() {
        return false;
    }

    /** What the client's TLS handshake settled, {@code null} on a connection without TLS. */
    TlsSession tlsSession();

    /** The event loop the stream runs on; the exchange's target connection lives there too. */
    EventLoop eventLoop();

    ByteBufAllocator alloc();

    /** Bytes read from the client for this exchange so far (request head included). */
    long receivedBytes();

    /** Bytes written to the client for this exchange so far. */
    long sentBytes();

    /** False once the client has gone: nothing written reaches it any more. */
    boolean isOpen();

    /**
     * The stream's own say in whether its connection may serve another request after this response: false when
     * the balancer is stopping or the connection is older than {@code client_keep_alive.seconds}. The exchange
     * adds the request's and the response's say ({@link KeepAlive}).
     */
    boolean mayKeepAlive();

    /**
     * The exchange ended: both the request was read to its end and the response written to its end (or the
     * exchange was cut). {@code keepOpen} is the exchange's {@link KeepAlive} decision, false when it was cut.
     */
    void exchangeFinished(Exchange exchange, boolean keepOpen);

    /**
     * The response switched protocols (WebSocket): the stream becomes a byte tunnel. {@code dropTargetCodec} runs
     * between dropping the stream's response encoder (bytes the target sent after its 101 may now reach the client
     * raw) and its request decoder (bytes the client sent after its upgrade request may now reach the target raw).
     */
    void upgradeToTunnel(Runnable dropTargetCodec);
}
