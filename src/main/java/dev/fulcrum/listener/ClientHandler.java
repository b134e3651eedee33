package dev.fulcrum.listener;

import dev.fulcrum.core.LbError;
import dev.fulcrum.proxy.ClientConnection;
import dev.fulcrum.proxy.Exchange;
import dev.fulcrum.proxy.ProxyContext;
import dev.fulcrum.proxy.RequestChecks;
import dev.fulcrum.proxy.TraceIds;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.ReferenceCountUtil;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last handler of a client connection: runs one {@link Exchange} at a time. Pipelined requests that arrive
 * while an exchange is still answering wait in a small queue (reading pauses when it grows), so responses
 * leave in request order. Reading is paused while any reason is set (backpressure, pipelining, connecting).
 */
final class ClientHandler extends ChannelInboundHandlerAdapter implements ClientConnection {

    private static final Logger log = LoggerFactory.getLogger(ClientHandler.class);
    private final ProxyContext context;
    private final TrafficCounter counter;
    private final RequestDecoder decoder;
    private final ResponseEncoder encoder;
    private final ConnectionTracker tracker;
    private final long keepAliveNanos;
    private final long openedNanos = System.nanoTime();
    private final String connTraceId;
    private Channel channel;
    private InetSocketAddress remote;
    private String remoteText;
    private Exchange current;
    private ArrayDeque<Object> queued;
    private int pauseReasons;
    private long receivedAtLastExchangeEnd;
    /** The balancer is stopping: no response keeps the connection. Set from the stopping thread, read on the loop. */
    private volatile boolean closing;
    private boolean tunnel;

    ClientHandler(ProxyContext context, TrafficCounter counter, RequestDecoder decoder, ResponseEncoder encoder,
            ConnectionTracker tracker, long keepAliveNanos, RandomGenerator random) {
        this.context = context;
        this.counter = counter;
        this.decoder = decoder;
        this.encoder = encoder;
        this.tracker = tracker;
        this.keepAliveNanos = keepAliveNanos;
        this.connTraceId = TraceIds.newConnectionTraceId(random);
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        channel = ctx.channel();
        remote = (InetSocketAddress) channel.remoteAddress();
        tracker.add(this);
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (queued != null && !queued.isEmpty() || awaitingResponse()) {
            // A pipelined request: it waits (with reading paused) until the current response is complete.
            enqueue(msg);
            return;
        }
        dispatch(msg);
    }

    /** The current request was read to its end and its response is still being produced. */
    private boolean awaitingResponse() {
        return current != null && current.isRequestReceived() && !tunnel;
    }

    private void dispatch(Object msg) {
        try {
            if (tunnel) {
                current.onRequestContent(msg);
            } else if (msg instanceof HttpRequest request) {
                startExchange(request);
            } else if (msg instanceof HttpContent && current != null) {
                current.onRequestContent(msg);
            } else {
                ReferenceCountUtil.release(msg);
            }
        } catch (RuntimeException | Error e) {
            internalError(e);
        }
        if (awaitingResponse()) {
            decoder.setSingleDecode(true); // decode no further ahead than one message
        }
    }

    private void startExchange(HttpRequest request) {
        Exchange exchange = new Exchange(context, this, request);
        current = exchange;
        encoder.respondingToHead(io.netty.handler.codec.http.HttpMethod.HEAD.equals(request.method()));
        if (request.decoderResult().isFailure()) {
            // Netty hands an unparseable request over as one message; nothing after it is read.
            ReferenceCountUtil.release(request);
            exchange.reject(RequestChecks.decoderFailure(request.decoderResult().cause()));
            return;
        }
        exchange.start();
        if (request instanceof HttpContent) {
            exchange.onRequestContent(request);
        }
    }

    private void enqueue(Object msg) {
        if (queued == null) {
            queued = new ArrayDeque<>();
        }
        queued.add(msg);
        pauseReading(PAUSE_PIPELINE);
    }

    @Override
    public void exchangeFinished(Exchange exchange, boolean keepAlive) {
        if (current == exchange) {
            current = null;
        }
        receivedAtLastExchangeEnd = counter.received();
        if (!keepAlive || !channel.isActive()) {
            releaseQueued();
            channel.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
            return;
        }
        if (closing && (queued == null || queued.isEmpty())) {
            channel.close();
            return;
        }
        // Serve the pipelined requests that waited, in order, until one is in progress again.
        decoder.setSingleDecode(false);
        while (queued != null && !queued.isEmpty() && !awaitingResponse()) {
            dispatch(queued.poll());
        }
        if ((queued == null || queued.isEmpty()) && !awaitingResponse()) {
            resumeReading(PAUSE_PIPELINE);
            if (decoder.hasBufferedBytes()) {
                // Bytes of further requests sit in the decoder; have it decode them once this call unwinds.
                channel.eventLoop().execute(this::decodeBuffered);
            }
        }
    }

    private void decodeBuffered() {
        if (channel.isActive() && decoder.hasBufferedBytes() && !awaitingResponse()) {
            channel.pipeline().fireChannelRead(Unpooled.EMPTY_BUFFER);
            channel.pipeline().fireChannelReadComplete();
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        if (current != null) {
            current.onClientReadComplete();
        }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (current != null) {
            current.onClientWritabilityChanged(ctx.channel().isWritable());
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (!(evt instanceof IdleStateEvent)) {
            ctx.fireUserEventTriggered(evt);
            return;
        }
        if (current != null) {
            current.onClientIdle();
        } else if (counter.received() == 0 || counter.received() > receivedAtLastExchangeEnd) {
            // A new connection that never sent a request, or a request head that stopped halfway: 408.
            Exchange exchange = new Exchange(context, this, null);
            current = exchange;
            exchange.reject(LbError.CLIENT_IDLE_TIMEOUT);
        } else {
            ctx.close(); // an idle keep-alive connection between requests just closes
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        tracker.remove(this);
        releaseQueued();
        Exchange e = current;
        if (e != null) {
            current = null;
            e.onClientClosed();
        }
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof IOException) {
            ctx.close(); // connection reset and the like: channelInactive tells the exchange
            return;
        }
        internalError(cause);
    }

    private void internalError(Throwable cause) {
        log.error("Unexpected failure on client connection {} ({}); this exchange fails with 500",
                remote, connTraceId, cause);
        Exchange e = current;
        if (e != null && !e.isFinished()) {
            e.internalError();
        } else {
            channel.close();
        }
    }

    private void releaseQueued() {
        if (queued != null) {
            queued.forEach(ReferenceCountUtil::release);
            queued.clear();
        }
    }

    /**
     * The balancer stops (any thread): from now on every response closes the connection. {@link #shutdown()} then
     * closes it on its loop if it is idle.
     */
    void markClosing() {
        closing = true;
    }

    /** Called on this connection's event loop when the balancer stops: finish the current exchange, then close. */
    void shutdown() {
        closing = true;
        if (current == null) {
            channel.close();
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // ClientConnection

    @Override
    public Channel channel() {
        return channel;
    }

    @Override
    public InetSocketAddress remoteAddress() {
        return remote;
    }

    @Override
    public String remoteAddressText() {
        if (remoteText == null) {
            remoteText = ClientConnection.addressText(remote);
        }
        return remoteText;
    }

    @Override
    public String connTraceId() {
        return connTraceId;
    }

    @Override
    public long receivedBytes() {
        return counter.received();
    }

    @Override
    public long sentBytes() {
        return counter.sent();
    }

    @Override
    public void pauseReading(int reason) {
        pauseReasons |= reason;
        if (channel.config().isAutoRead()) {
            channel.config().setAutoRead(false);
        }
    }

    @Override
    public void resumeReading(int reason) {
        pauseReasons &= ~reason;
        if (pauseReasons == 0 && !channel.config().isAutoRead()) {
            channel.config().setAutoRead(true);
        }
    }

    @Override
    public boolean mayKeepAlive() {
        return !closing && System.nanoTime() - openedNanos < keepAliveNanos;
    }

    @Override
    public void upgradeToTunnel(Runnable dropTargetCodec) {
        tunnel = true;
        channel.pipeline().remove(encoder);
        dropTargetCodec.run();
        channel.pipeline().remove(decoder);
    }

    @Override
    public long receivedBytesMark() {
        return receivedAtLastExchangeEnd;
    }
}
