package dev.fulcrum.listener;

import dev.fulcrum.core.LbError;
import dev.fulcrum.core.TlsSession;
import dev.fulcrum.proxy.Exchange;
import dev.fulcrum.proxy.HeadVerdict;
import dev.fulcrum.proxy.ProxyContext;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.DefaultLastHttpContent;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http2.DefaultHttp2ResetFrame;
import io.netty.handler.codec.http2.Http2CodecUtil;
import io.netty.handler.codec.http2.Http2Error;
import io.netty.handler.codec.http2.Http2Exception;
import io.netty.handler.codec.http2.Http2Headers;
import io.netty.handler.codec.http2.Http2HeadersFrame;
import io.netty.handler.codec.http2.Http2StreamChannel;
import io.netty.handler.codec.http2.HttpConversionUtil;
import io.netty.util.ReferenceCountUtil;
import java.net.InetSocketAddress;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One HTTP/2 stream of a client connection, as the exchange sees it: the last handler of the stream's child channel
 * (after Netty's {@code Http2StreamFrameToHttpObjectCodec}, which gives the stream as the HTTP/1.1 objects the
 * exchange reads and takes them back as frames). Its request is one exchange; its flow control is the child
 * channel's writability and auto-read, so a slow stream pauses only itself.
 */
final class Http2Stream extends ChannelClientStream {

    private static final Logger log = LoggerFactory.getLogger(Http2Stream.class);

    private final ProxyContext context;
    private final Http2Connection connection;
    private Exchange exchange;
    /** The connection refused this stream (past its request limit): it is reset with REFUSED_STREAM. */
    private boolean refused;
    private long received;
    private long sent;

    Http2Stream(ProxyContext context, Http2Connection connection) {
        this.context = context;
        this.connection = connection;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        try {
            if (msg instanceof HttpRequest request && exchange == null) {
                start(request);
            } else if (msg instanceof HttpContent content && exchange != null) {
                received += content.content().readableBytes();
                exchange.onRequestContent(content);
            } else {
                ReferenceCountUtil.release(msg);
            }
        } catch (RuntimeException | Error e) {
            log.error("Unexpected failure on HTTP/2 stream of {} ({}); this exchange fails with 500",
                    connection.remoteAddress(), connection.connTraceId(), e);
            if (exchange != null && !exchange.isFinished()) {
                exchange.internalError();
            } else {
                ctx.close();
            }
        }
    }

    /** The request head, without the codec's own x-http2-* headers; a request that ends with its head comes whole. */
    private void start(HttpRequest request) {
        HttpHeaders headers = request.headers();
        for (HttpConversionUtil.ExtensionHeaderNames extension : HttpConversionUtil.ExtensionHeaderNames.values()) {
            headers.remove(extension.text());
        }
        HttpRequest head = request;
        HttpContent body = null;
        if (request instanceof FullHttpRequest full) {
            head = new DefaultHttpRequest(full.protocolVersion(), full.method(), full.uri(), full.headers());
            body = new DefaultLastHttpContent(full.content(), full.trailingHeaders());
        }
        received += headBytes(head.headers()) + head.method().name().length() + head.uri().length();
        exchange = new Exchange(context, this, head, HeadVerdict.CLEAN);
        int streamId = ((Http2StreamChannel) channel()).stream().id();
        if (!connection.admit(streamId)) {
            refused = true;
            ReferenceCountUtil.release(body);
            exchange.reject(connection.refusal(streamId)); // no response (000): the stream is reset
            return;
        }
        exchange.start();
        if (body != null) {
            received += body.content().readableBytes();
            exchange.onRequestContent(body);
        }
    }

    private static long headBytes(HttpHeaders headers) {
        long n = 0;
        for (Map.Entry<String, String> h : headers) {
            n += h.getKey().length() + h.getValue().length() + 4; // as an HTTP/1.1 line: "name: value\r\n"
        }
        return n;
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        if (exchange != null) {
            exchange.onClientReadComplete();
        }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (exchange != null && ctx.channel().isWritable()) {
            exchange.onClientWritable();
        }
    }

    /** The stream ended before its exchange did: the client reset it (RST_STREAM) or the connection went. */
    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        Exchange e = exchange;
        if (e != null && !e.isFinished()) {
            e.onClientClosed();
        }
        ctx.fireChannelInactive();
    }

    /**
     * A malformed request (no :path, a connection-specific header) is a stream error: RST_STREAM with its code
     * (PROTOCOL_ERROR), the other streams go on (RFC 9113 section 8.1.1).
     */
    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        log.debug("HTTP/2 stream of {} failed: {}", connection.remoteAddress(), cause.toString());
        Http2Exception protocol = Http2CodecUtil.getEmbeddedHttp2Exception(cause);
        // The frame-to-HTTP/1.1 codec refuses a request it cannot translate (no :path) with a DecoderException.
        if ((protocol != null || cause instanceof DecoderException) && ctx.channel().isActive()) {
            ctx.writeAndFlush(new DefaultHttp2ResetFrame(protocol != null ? protocol.error()
                    : Http2Error.PROTOCOL_ERROR));
        } else {
            ctx.close();
        }
    }

    /**
     * Refuses a request head without the pseudo-headers every request has (RFC 9113 section 8.3.1: :method, :scheme
     * and :path; CONNECT, which has neither of the last two, is refused later as on HTTP/1.1) before the frame is
     * translated: RST_STREAM PROTOCOL_ERROR, the other streams go on. Netty's translation would throw on a missing
     * :path, and leak the buffer it had taken for the body.
     */
    static ChannelInboundHandlerAdapter requestHeadersCheck() {
        return new ChannelInboundHandlerAdapter() {
            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                if (msg instanceof Http2HeadersFrame frame && !isRequestHead(frame.headers())
                        && frame.headers().status() == null && !trailers(ctx)) {
                    ReferenceCountUtil.release(msg);
                    ctx.writeAndFlush(new DefaultHttp2ResetFrame(Http2Error.PROTOCOL_ERROR));
                    return;
                }
                ctx.fireChannelRead(msg);
            }

            /** A second HEADERS frame on a stream is its trailers, which have no pseudo-headers. */
            private boolean seen;

            private boolean trailers(ChannelHandlerContext ctx) {
                boolean second = seen;
                seen = true;
                return second;
            }
        };
    }

    private static boolean isRequestHead(Http2Headers headers) {
        CharSequence method = headers.method();
        return method != null && ("CONNECT".contentEquals(method)
                || headers.scheme() != null && headers.path() != null && headers.path().length() > 0);
    }

    /**
     * Counts what goes to the client as HTTP/1.1 would carry it, for the log's sent_bytes: an outbound handler just
     * before the stream's own, as its writes pass.
     */
    ChannelOutboundHandlerAdapter sentCounter() {
        return new ChannelOutboundHandlerAdapter() {
            @Override
            public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
                if (msg instanceof HttpResponse response) {
                    sent += headBytes(response.headers()) + 15; // + "HTTP/1.1 200 \r\n"
                }
                if (msg instanceof HttpContent content) {
                    sent += content.content().readableBytes();
                }
                ctx.write(msg, promise);
            }
        };
    }

    // ---------------------------------------------------------------------------------------------------------
    // ClientStream

    @Override
    public boolean http2() {
        return true;
    }

    @Override
    public InetSocketAddress remoteAddress() {
        return connection.remoteAddress();
    }

    @Override
    public String remoteAddressText() {
        return connection.remoteAddressText();
    }

    @Override
    public String connTraceId() {
        return connection.connTraceId();
    }

    @Override
    public TlsSession tlsSession() {
        return connection.tlsSession();
    }

    @Override
    public long receivedBytes() {
        return received;
    }

    @Override
    public long sentBytes() {
        return sent;
    }

    /** A stream carries one request: whether its connection goes on is the connection's business. */
    @Override
    public boolean mayKeepAlive() {
        return !connection.stopping();
    }

    /**
     * A broken exchange resets its stream (CANCEL; REFUSED_STREAM for one the connection did not serve, which the
     * client may retry); a finished one's stream is closed by both END_STREAMs already.
     */
    @Override
    public void exchangeFinished(Exchange finished, boolean keepOpen) {
        if (refused && channel().isActive()) {
            channel().writeAndFlush(new DefaultHttp2ResetFrame(Http2Error.REFUSED_STREAM));
        } else if (!keepOpen && channel().isActive()) {
            channel().close();
        }
    }

    /** No protocol switch inside an HTTP/2 stream (Upgrade is a connection header HTTP/2 forbids). */
    @Override
    public void upgradeToTunnel(Runnable dropTargetCodec) {
        channel().close();
    }
}
