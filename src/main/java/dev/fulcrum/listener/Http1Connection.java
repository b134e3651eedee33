package dev.fulcrum.listener;

import dev.fulcrum.core.LbError;
import dev.fulcrum.core.LbException;
import dev.fulcrum.core.Ticker;
import dev.fulcrum.core.TlsSession;
import dev.fulcrum.proxy.ClientStream;
import dev.fulcrum.proxy.Exchange;
import dev.fulcrum.proxy.HeadVerdict;
import dev.fulcrum.proxy.ProxyContext;
import dev.fulcrum.tls.ClientTls;
import dev.fulcrum.transport.Pause;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderResultProvider;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.ReferenceCountUtil;
import java.io.IOException;
import java.net.InetSocketAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An HTTP/1.1 client connection: the last handler of its pipeline and the {@link ClientStream} of one exchange at
 * a time. Pipelined requests that arrive while an exchange is still answering wait in a small queue (reading
 * pauses when it grows), so responses leave in request order. Between exchanges it watches the next request head:
 * the idle timeout for silence, {@link HeadDeadline} for a head that trickles in. Once a response closed the
 * connection, nothing more it reads is served.
 */
final class Http1Connection extends ChannelClientStream implements ClientConnection {

    private static final Logger log = LoggerFactory.getLogger(Http1Connection.class);

    private final ProxyContext context;
    private final TrafficCounter counter;
    private final Http1RequestDecoder decoder;
    private final ResponseEncoder encoder;
    private final ConnectionTracker tracker;
    private final Ticker ticker;
    private final long keepAliveNanos;
    private final long headTimeoutNanos;
    private final long openedNanos;
    private final String connTraceId;
    /** The connection's TLS side on an HTTPS listener, {@code null} on an HTTP one. */
    private final ClientTls tls;
    /** Made when a head first comes in more than one read (rare), {@code null} until then. */
    private HeadDeadline headDeadline;
    private InetSocketAddress remote;
    private String remoteText;
    private Exchange current;
    private final PipelinedRequests queued = new PipelinedRequests();
    /** Bytes read when the previous exchange ended (0 before the first): where the next request's bytes start. */
    private long receivedAtLastExchangeEnd;
    private long sentAtExchangeStart;
    private boolean tunnel;
    /** A response closed the connection: what it still reads is dropped, never served. */
    private boolean ended;
    /** The balancer is stopping: no response keeps the connection. Set from the stopping thread, read on the loop. */
    private volatile boolean stopping;

    Http1Connection(ProxyContext context, TrafficCounter counter, Http1RequestDecoder decoder, ResponseEncoder encoder,
            ConnectionTracker tracker, String connTraceId, ClientTls tls) {
        this.context = context;
        this.tls = tls;
        this.counter = counter;
        this.decoder = decoder;
        this.encoder = encoder;
        this.tracker = tracker;
        this.ticker = context.ticker();
        this.keepAliveNanos = context.state().attributes().clientKeepAlive().toNanos();
        this.headTimeoutNanos = context.state().attributes().clientHeaderTimeout().toNanos();
        this.openedNanos = ticker.nanoTime();
        this.connTraceId = connTraceId;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        remote = (InetSocketAddress) ctx.channel().remoteAddress();
        tracker.add(this);
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (ended) {
            ReferenceCountUtil.release(msg);
        } else if (tunnel) {
            current.onRequestContent(msg); // raw bytes of a WebSocket
        } else if (!queued.isEmpty() || awaitingResponse()) {
            // A pipelined request: it waits (with reading paused) until the current response is complete.
            enqueue(msg);
        } else {
            dispatch(msg);
        }
    }

    /** The current request was read to its end and its response is still being produced. */
    private boolean awaitingResponse() {
        return current != null && current.isRequestDone() && !tunnel;
    }

    private void dispatch(Object msg) {
        try {
            if (msg instanceof HttpRequest request) {
                startExchange(request);
            } else if (msg instanceof HttpContent content && current != null) {
                if (content.decoderResult().isFailure()) {
                    LbError error = failure(content); // a bad chunk: the codec says what it was
                    content.release();
                    current.reject(error);
                } else {
                    current.onRequestContent(content);
                }
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
        clearHeadDeadline();
        boolean unreadable = request instanceof Http1RequestDecoder.UnreadableRequest;
        HeadVerdict verdict = request instanceof HeadRequest read ? read.verdict() : HeadVerdict.CLEAN;
        Exchange exchange = begin(unreadable ? null : request, verdict);
        encoder.respondingToHead(HttpMethod.HEAD.equals(request.method()));
        if (request.decoderResult().isFailure() || tls != null && tls.isPlainHttp()) {
            // An unreadable request comes as one message, and nothing after it is read; so does plain HTTP on an
            // HTTPS port, which is refused whatever it says.
            LbError error = tls != null && tls.isPlainHttp() ? LbError.PLAIN_HTTP_ON_HTTPS_PORT : failure(request);
            ReferenceCountUtil.release(request);
            exchange.reject(error);
            return;
        }
        exchange.start();
        if (request instanceof HttpContent content) {
            exchange.onRequestContent(content);
        }
    }

    private Exchange begin(HttpRequest request, HeadVerdict verdict) {
        sentAtExchangeStart = counter.sent();
        current = new Exchange(context, this, request, verdict);
        return current;
    }

    /**
     * An exchange for a request head that never came whole: it began with the head's first byte, or when the
     * connection opened if it never sent one (ALB's request_creation_time for a 408).
     */
    private Exchange beginUnread() {
        sentAtExchangeStart = counter.sent();
        long start = headDeadline != null && headDeadline.startNanos() >= 0 ? headDeadline.startNanos()
                : counter.received() == 0 ? openedNanos : ticker.nanoTime();
        current = new Exchange(context, this, null, HeadVerdict.CLEAN, start);
        return current;
    }

    /** What the codec found wrong (every failure it emits is typed). */
    private static LbError failure(DecoderResultProvider msg) {
        return LbException.errorOf(msg.decoderResult().cause(), LbError.REQUEST_MALFORMED);
    }

    private void enqueue(Object msg) {
        queued.add(msg);
        pauseReading(Pause.PIPELINE);
    }

    @Override
    public void exchangeFinished(Exchange exchange, boolean keepOpen) {
        if (current == exchange) {
            current = null;
        }
        receivedAtLastExchangeEnd = counter.received();
        if (!keepOpen || !channel().isActive() || stopping && queued.isEmpty()) {
            // The exchange's decision, or a stopping balancer's idle connection: either way it closes now.
            end();
            return;
        }
        // Serve the pipelined requests that waited, in order, until one is in progress again.
        decoder.setSingleDecode(false);
        while (!queued.isEmpty() && !awaitingResponse()) {
            dispatch(queued.poll());
        }
        if (queued.isEmpty() && !awaitingResponse()) {
            resumeReading(Pause.PIPELINE);
            if (decoder.hasBufferedBytes()) {
                // Bytes of further requests sit in the decoder; have it decode them once this call unwinds.
                channel().eventLoop().execute(this::decodeBuffered);
            }
        }
    }

    private void clearHeadDeadline() {
        if (headDeadline != null) {
            headDeadline.clear();
        }
    }

    /** The request head took longer than {@code client_header_timeout}: 408. */
    private void headTimedOut() {
        Exchange e = beginUnread();
        clearHeadDeadline();
        e.reject(LbError.REQUEST_HEADER_TIMEOUT);
    }

    /** Closes once what was written is out; nothing read from now on is served. */
    private void end() {
        ended = true;
        clearHeadDeadline();
        queued.releaseAll();
        channel().writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
    }

    private void decodeBuffered() {
        if (channel().isActive() && !ended && decoder.hasBufferedBytes() && !awaitingResponse()) {
            channel().pipeline().fireChannelRead(Unpooled.EMPTY_BUFFER);
            channel().pipeline().fireChannelReadComplete();
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        if (current != null) {
            current.onClientReadComplete();
        } else if (!ended && !tunnel && headInProgress()) {
            // ALB's idle timeout alone would let a head that trickles in hold the connection.
            if (headDeadline == null) {
                headDeadline = new HeadDeadline(ticker, headTimeoutNanos, channel().eventLoop(),
                        () -> current == null && !ended && channel().isActive(), this::headTimedOut);
            }
            headDeadline.check();
        }
    }

    /** Bytes of a request head arrived since the last exchange ended, and no exchange has it yet. */
    private boolean headInProgress() {
        return counter.received() > receivedAtLastExchangeEnd || decoder.hasBufferedBytes();
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (current != null && channel().isWritable()) {
            current.onClientWritable();
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (!(evt instanceof IdleStateEvent)) {
            ctx.fireUserEventTriggered(evt);
            return;
        }
        if (ended) {
            return;
        }
        if (current != null) {
            current.onClientIdle();
        } else if (counter.received() == 0 || headInProgress()) {
            // A new connection that never sent a request, or a request head that stopped halfway: 408.
            beginUnread().reject(LbError.CLIENT_IDLE_TIMEOUT);
        } else {
            ctx.close(); // an idle keep-alive connection between requests just closes
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        tracker.remove(this);
        clearHeadDeadline();
        queued.releaseAll();
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
            channel().close();
        }
    }

    /**
     * The balancer stops (any thread): from now on every response closes the connection. {@link #shutdown()} then
     * closes it on its loop if it is idle.
     */
    @Override
    public void markStopping() {
        stopping = true;
    }

    /** Called on this connection's event loop when the balancer stops: finish the current exchange, then close. */
    @Override
    public void shutdown() {
        stopping = true;
        if (current == null) {
            channel().close();
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // ClientStream

    @Override
    public InetSocketAddress remoteAddress() {
        return remote;
    }

    @Override
    public String remoteAddressText() {
        if (remoteText == null) {
            remoteText = ClientStream.addressText(remote);
        }
        return remoteText;
    }

    @Override
    public String connTraceId() {
        return connTraceId;
    }

    @Override
    public TlsSession tlsSession() {
        return tls == null ? null : tls.session();
    }

    @Override
    public long receivedBytes() {
        return counter.received() - receivedAtLastExchangeEnd;
    }

    @Override
    public long sentBytes() {
        return counter.sent() - sentAtExchangeStart;
    }

    @Override
    public boolean mayKeepAlive() {
        return !stopping && ticker.nanoTime() - openedNanos < keepAliveNanos;
    }

    @Override
    public void upgradeToTunnel(Runnable dropTargetCodec) {
        tunnel = true;
        channel().pipeline().remove(encoder);
        dropTargetCodec.run();
        channel().pipeline().remove(decoder);
    }
}
