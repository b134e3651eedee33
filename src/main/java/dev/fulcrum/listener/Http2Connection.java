package dev.fulcrum.listener;

import dev.fulcrum.core.LbError;
import dev.fulcrum.core.TlsSession;
import dev.fulcrum.proxy.ClientStream;
import dev.fulcrum.proxy.ProxyContext;
import dev.fulcrum.tls.ClientTls;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http2.Http2CodecUtil;
import io.netty.handler.codec.http2.Http2Error;
import io.netty.handler.codec.http2.Http2FrameCodec;
import io.netty.handler.codec.http2.Http2FrameCodecBuilder;
import io.netty.handler.codec.http2.Http2MultiplexHandler;
import io.netty.handler.codec.http2.Http2Settings;
import io.netty.handler.codec.http2.Http2StreamChannel;
import io.netty.handler.codec.http2.Http2StreamFrameToHttpObjectCodec;
import io.netty.handler.timeout.IdleStateEvent;
import java.net.InetSocketAddress;

/**
 * A client connection that chose HTTP/2 by ALPN: each stream is one exchange ({@link Http2Stream}), on a child
 * channel of this connection's event loop, so one stream's failure stays its own. What the connection shares with
 * its streams lives here: the client's address, the {@code TID_}, the TLS session. The pipeline after the TLS
 * engine, in order: {@link TrafficCounter}, the idle timeout, {@link Http2HeaderBlockScanner} (ALB's 8 KiB of
 * compressed headers), Netty's {@link Http2FrameCodec} (ALB's 128 concurrent streams), {@link Http2MultiplexHandler}
 * (a child channel per stream), this handler.
 */
final class Http2Connection extends ChannelInboundHandlerAdapter implements ClientConnection {

    /** ALB's limit of concurrent streams per connection. */
    static final int MAX_CONCURRENT_STREAMS = 128;
    /**
     * The request headers a stream may carry, uncompressed: the 64 KiB of an HTTP/1.1 request's headers (Netty's own
     * default, 8 KiB, would refuse a large cookie that HTTP/1.1 takes).
     */
    static final int MAX_HEADER_LIST_BYTES = 64 * 1024;
    /** ALB serves this many requests on one HTTP/2 connection, then sends GOAWAY (seed 002). */
    static final int MAX_REQUESTS = 10_000;

    private final ProxyContext context;
    private final ConnectionTracker tracker;
    private final String connTraceId;
    private final ClientTls tls;
    private Channel channel;
    private InetSocketAddress remote;
    private String remoteText;
    private volatile boolean stopping;
    private int requests;
    private int lastServedStreamId;
    private boolean goAwaySent;
    /** The stream whose header block was over 8 KiB compressed, 0 for none. */
    private int oversizedStream;

    private Http2Connection(ProxyContext context, ConnectionTracker tracker, String connTraceId, ClientTls tls) {
        this.context = context;
        this.tracker = tracker;
        this.connTraceId = connTraceId;
        this.tls = tls;
    }

    /**
     * Turns an HTTP/1.1 pipeline whose TLS handshake chose {@code h2} into an HTTP/2 one: the HTTP/1.1 handlers go,
     * the frame codec and the stream multiplexer come, and the listener tracks this connection in their place.
     */
    static void install(ChannelPipeline pipeline, Http1Connection http1, ProxyContext context,
            ConnectionTracker tracker, String connTraceId, ClientTls tls) {
        pipeline.remove(Http1RequestDecoder.class);
        pipeline.remove(ResponseEncoder.class);
        pipeline.remove(http1);
        Http2Connection connection = new Http2Connection(context, tracker, connTraceId, tls);
        tracker.replace(http1, connection);
        Http2FrameCodec codec = Http2FrameCodecBuilder.forServer()
                .initialSettings(Http2Settings.defaultSettings().maxConcurrentStreams(MAX_CONCURRENT_STREAMS)
                        .maxHeaderListSize(MAX_HEADER_LIST_BYTES))
                .build();
        pipeline.addLast(new Http2HeaderBlockScanner(connection), codec, new Http2MultiplexHandler(new ChannelInitializer<Http2StreamChannel>() {
            @Override
            protected void initChannel(Http2StreamChannel stream) {
                Http2Stream handler = new Http2Stream(context, connection);
                stream.pipeline().addLast(Http2Stream.requestHeadersCheck(), new Http2StreamFrameToHttpObjectCodec(true),
                        handler.sentCounter(), handler);
            }
        }), connection);
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        channel = ctx.channel();
        remote = (InetSocketAddress) channel.remoteAddress();
    }

    InetSocketAddress remoteAddress() {
        return remote;
    }

    String remoteAddressText() {
        if (remoteText == null) {
            remoteText = ClientStream.addressText(remote);
        }
        return remoteText;
    }

    String connTraceId() {
        return connTraceId;
    }

    TlsSession tlsSession() {
        return tls.session();
    }

    boolean stopping() {
        return stopping;
    }

    /**
     * Whether the stream that begins now is served: the first {@link #MAX_REQUESTS} are; the next one is not, and
     * GOAWAY tells the client that the streams it sent after the last served one were not processed (so it retries
     * them on a new connection), then the connection closes when its streams have finished.
     */
    boolean admit(int streamId) {
        if (++requests <= MAX_REQUESTS && !goAwaySent && streamId != oversizedStream) {
            lastServedStreamId = Math.max(lastServedStreamId, streamId);
            return true;
        }
        goAway();
        return false;
    }

    /** Why {@link #admit} refused {@code streamId}: its headers, or the connection's request limit. */
    LbError refusal(int streamId) {
        return streamId == oversizedStream ? LbError.HTTP2_HEADER_BLOCK_TOO_LARGE : LbError.HTTP2_REQUEST_LIMIT;
    }

    /** The scanner found {@code streamId}'s header block over 8 KiB compressed: it will not be served. */
    void headerBlockTooLarge(int streamId) {
        if (oversizedStream == 0) {
            oversizedStream = streamId;
        }
    }

    private void goAway() {
        if (!goAwaySent) {
            goAwaySent = true;
            Http2FrameCodec codec = channel.pipeline().get(Http2FrameCodec.class);
            ChannelHandlerContext codecContext = channel.pipeline().context(codec);
            codec.goAway(codecContext, lastServedStreamId, Http2Error.NO_ERROR.code(), Unpooled.EMPTY_BUFFER,
                    codecContext.newPromise());
            codecContext.flush();
            channel.close(); // graceful: the streams up to the last served one finish first
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof IdleStateEvent) {
            ctx.close(); // nothing read or written for the idle timeout: GOAWAY and close, as ALB
            return;
        }
        ctx.fireUserEventTriggered(evt);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        tracker.remove(this);
        ctx.fireChannelInactive();
    }

    /**
     * The frame codec tells of a protocol error before it answers it itself (GOAWAY with the error's code, then the
     * close): closing here first would send GOAWAY NO_ERROR instead. Anything else ends the connection.
     */
    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (Http2CodecUtil.getEmbeddedHttp2Exception(cause) == null) {
            ctx.close();
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // ClientConnection

    @Override
    public Channel channel() {
        return channel;
    }

    @Override
    public void markStopping() {
        stopping = true;
    }

    /** GOAWAY: the streams in flight finish (the codec's graceful shutdown), no new one starts. */
    @Override
    public void shutdown() {
        stopping = true;
        channel.close();
    }
}
