package dev.fulcrum.proxy;

import dev.fulcrum.config.ProtocolVersion;
import dev.fulcrum.core.LbError;
import dev.fulcrum.core.Phase;
import dev.fulcrum.observability.ExchangeLog;
import dev.fulcrum.observability.ExchangeRecord;
import dev.fulcrum.pool.TargetConnection;
import dev.fulcrum.pool.TargetCodec;
import dev.fulcrum.routing.Action;
import dev.fulcrum.routing.FixedResponseAction;
import dev.fulcrum.routing.ForwardAction;
import dev.fulcrum.routing.RedirectAction;
import dev.fulcrum.routing.Route;
import dev.fulcrum.target.RoutableTargets;
import dev.fulcrum.target.Target;
import dev.fulcrum.target.TargetGroup;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ConnectTimeoutException;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import java.net.ConnectException;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One request and its response, from the decoded request head to the last byte of the response. Runs entirely
 * on the client connection's event loop; the target connection lives on the same loop.
 *
 * <pre>
 *  client --head/body--> [Exchange] --head/body--> target      body chunks are written as they come;
 *  client <--response--- [Exchange] <--response--- target      the reader pauses when the writer is full
 * </pre>
 *
 * The exchange ends when both the request has been read to its end and the response has been written to its
 * end; only then may the client connection serve its next (possibly pipelined) request, and the target
 * connection return to its pool, when both directions finished cleanly. The first error wins: it sets the
 * status (when no response byte went out yet), the {@code error_reason} and the phase it struck in.
 */
public final class Exchange implements TargetConnection.Listener, Target.InFlight {

    /** Longest Location a redirect may produce (ALB: 8 KiB, else 507). */
    static final int MAX_REDIRECT_URL = 8 * 1024;
    /** Request body buffered while the target connection is being opened, before reading pauses. */
    private static final int MAX_PENDING_BODY_BYTES = 64 * 1024;
    /**
     * A response of at most this Content-Length is held until complete before any byte goes to the client: one
     * write per response, and a target that stalls short of its Content-Length can still be answered 504.
     */
    static final int MAX_HELD_RESPONSE_BYTES = 64 * 1024;
    /** A header-shaped line: {@code token ":" value CRLF}. */
    private static final java.util.regex.Pattern HEADER_LINE =
            java.util.regex.Pattern.compile("^[!#$%&'*+.^_`|~0-9A-Za-z-]+:[ \\t]*[^\\r\\n]*\\r?\\n");

    private final ProxyContext context;
    private final RoutingState state;
    private final LoopResources loop;
    private final ClientConnection client;
    private final HttpRequest request;
    private final HttpRequestView view;
    private final long startNanos;
    private final Instant createdAt;
    private final long receivedBytesAtStart;
    private final long sentBytesAtStart;
    private final String method;
    private final String uri;
    private final String protocol;
    private final String userAgent;
    private final boolean clientKeepAlive;
    private final boolean http10;
    private final boolean head;

    private Phase phase = Phase.READING_REQUEST;
    private LbError error;
    private Phase errorPhase;
    private Route route;
    private TargetGroup group;
    /** Whether the target was picked while its group was in routing failover (UnhealthyRoutingRequestCount). */
    private boolean unhealthyRouting;
    private Target target;
    private TargetConnection upstream;
    private ChannelFuture connecting;
    private ArrayDeque<HttpContent> pending;
    private int pendingBytes;
    private long bodyBytes;
    private long responseBodyBytes;
    private boolean webSocket;
    private boolean tunnel;
    private boolean discardBody;
    private boolean requestReceived;
    private boolean requestForwarded;
    private boolean responseStarted;
    private boolean responseDone;
    private boolean interim;
    private HttpResponse heldHead;
    private ArrayDeque<HttpContent> heldBody;
    private boolean checkUnframedBody;
    private boolean targetKeepAlive;
    private boolean finished;
    private boolean keepAlive;
    private int elbStatus;
    private int targetStatus = ExchangeRecord.NO_STATUS;
    private long sentToTargetNanos = ExchangeRecord.NOT_REACHED;
    private long responseHeadNanos = ExchangeRecord.NOT_REACHED;
    private long responseStartNanos = ExchangeRecord.NOT_REACHED;
    private String traceHeader;
    private String redirectUrl;
    private final List<String> actions = new ArrayList<>(1);

    /**
     * @param request the decoded request head, or {@code null} when nothing parseable arrived (the exchange can
     *     then only be {@link #reject rejected})
     */
    public Exchange(ProxyContext context, ClientConnection client, HttpRequest request) {
        this.context = context;
        this.state = context.state();
        this.client = client;
        this.loop = context.loop(client.channel().eventLoop());
        this.request = request;
        this.startNanos = System.nanoTime();
        this.createdAt = context.clock().instant();
        this.receivedBytesAtStart = client.receivedBytesMark();
        this.sentBytesAtStart = client.sentBytes();
        if (request == null || isPlaceholder(request)) {
            this.view = null;
            this.method = null;
            this.uri = null;
            this.protocol = null;
            this.userAgent = null;
            this.clientKeepAlive = false;
            this.http10 = false;
            this.head = false;
        } else {
            this.view = new HttpRequestView(request, client.remoteAddress().getAddress());
            this.method = request.method().name();
            this.uri = request.uri();
            this.protocol = request.protocolVersion().text();
            this.userAgent = request.headers().get(HttpHeaderNames.USER_AGENT);
            this.clientKeepAlive = HttpUtil.isKeepAlive(request);
            this.http10 = request.protocolVersion().equals(HttpVersion.HTTP_1_0);
            this.head = HttpMethod.HEAD.equals(request.method());
        }
    }

    /**
     * Netty stands a {@code GET /bad-request HTTP/1.0} in for a request whose request line could not be read; the
     * log must show that no request line came ({@code "- - -"}), not the stand-in.
     */
    private static boolean isPlaceholder(HttpRequest request) {
        return request.decoderResult().isFailure() && request instanceof io.netty.handler.codec.http.FullHttpRequest
                && "/bad-request".equals(request.uri());
    }

    /**
     * Answers with {@code e} without reading further: for requests the decoder could not parse, and for
     * connections that went silent before sending a whole request head.
     */
    public void reject(LbError e) {
        requestReceived = true;
        fail(e);
    }

    /** An unexpected failure inside the balancer: this exchange fails alone with 500. */
    public void internalError() {
        requestReceived = true;
        fail(LbError.INTERNAL_ERROR);
    }

    public Phase phase() {
        return phase;
    }

    public boolean isRequestReceived() {
        return requestReceived;
    }

    public boolean isFinished() {
        return finished;
    }

    /** True once any response byte went to the client. */
    public boolean isResponseStarted() {
        return responseStarted;
    }

    // ---------------------------------------------------------------------------------------------------------
    // Client side

    /** Checks and routes the request head, then answers it or starts forwarding it. */
    public void start() {
        LbError refused = RequestChecks.check(request);
        long max = state.attributes().maxRequestBodyBytes();
        if (refused == null && max > 0 && HttpUtil.getContentLength(request, -1L) > max) {
            refused = LbError.REQUEST_BODY_TOO_LARGE;
        }
        if (refused != null) {
            fail(refused);
            return;
        }
        context.faults().beforeRouting(request);
        phase = Phase.ROUTING;
        QpsLimiter limiter = state.qpsLimiter();
        if (limiter != null && !limiter.tryAcquire(System.nanoTime())) {
            fail(LbError.QPS_LIMITED);
            return;
        }
        route = state.router().route(view);
        Action action = route.action();
        actions.add(action.type());
        if (action instanceof ForwardAction forward) {
            forward(forward);
        } else if (action instanceof RedirectAction redirect) {
            String location = redirect.location(view, context.scheme(), context.listenerPort());
            if (location.length() > MAX_REDIRECT_URL) {
                fail(LbError.REDIRECT_URL_TOO_LONG);
                return;
            }
            redirectUrl = location;
            respond(ErrorResponses.redirect(client.channel().alloc(), redirect.statusCode(), location), true);
        } else if (action instanceof FixedResponseAction fixed) {
            respond(ErrorResponses.fixed(client.channel().alloc(), fixed.statusCode(), fixed.contentType(),
                    fixed.messageBody()), true);
        }
    }

    /** A piece of the request body (or, in a tunnel, raw bytes). Takes ownership of {@code msg}. */
    public void onRequestContent(Object msg) {
        if (tunnel) {
            writeUpstream(msg, false);
            return;
        }
        if (!(msg instanceof HttpContent content)) {
            ReferenceCountUtil.release(msg);
            return;
        }
        if (content.decoderResult().isFailure()) {
            content.release();
            requestReceived = true;
            fail(RequestChecks.decoderFailure(content.decoderResult().cause()));
            return;
        }
        boolean last = content instanceof LastHttpContent;
        if (last) {
            requestReceived = true;
        }
        bodyBytes += content.content().readableBytes();
        long max = state.attributes().maxRequestBodyBytes();
        if (max > 0 && bodyBytes > max && !discardBody) {
            content.release();
            requestReceived = true;
            fail(LbError.REQUEST_BODY_TOO_LARGE);
            return;
        }
        if (discardBody || finished) {
            content.release();
        } else if (upstream != null) {
            writeUpstream(content, last);
        } else {
            if (pending == null) {
                pending = new ArrayDeque<>();
            }
            pending.add(content);
            pendingBytes += content.content().readableBytes();
            if (pendingBytes > MAX_PENDING_BODY_BYTES) {
                client.pauseReading(ClientConnection.PAUSE_CONNECTING);
            }
        }
        if (last) {
            maybeFinish();
        }
    }

    /** The client's read batch ended: push what was written to the target. */
    public void onClientReadComplete() {
        if (upstream != null) {
            upstream.channel().flush();
        }
    }

    public void onClientWritabilityChanged(boolean writable) {
        if (upstream != null && writable) {
            upstream.channel().config().setAutoRead(true);
        }
    }

    /** The client connection closed (FIN or RST) before this exchange ended. */
    public void onClientClosed() {
        if (finished) {
            return;
        }
        if (tunnel || responseStarted) {
            // The client left in the middle of the response (or a WebSocket closed): nothing more to send.
            finish(false);
        } else if (!requestReceived) {
            record(LbError.REQUEST_BODY_INCOMPLETE);
            elbStatus = error.status();
            finish(false);
        } else {
            record(LbError.CLIENT_CLOSED);
            elbStatus = error.status();
            finish(false);
        }
    }

    /** The client connection was idle for the idle timeout while this exchange was active. */
    public void onClientIdle() {
        if (finished) {
            return;
        }
        if (tunnel || (responseStarted && !responseDone)) {
            // A silent WebSocket, or a client that stopped reading the response: give up on both sides.
            finish(false);
        } else if (!requestReceived) {
            fail(LbError.CLIENT_IDLE_TIMEOUT);
        }
        // Otherwise the target is working on it; the target side's idle timer decides.
    }

    // ---------------------------------------------------------------------------------------------------------
    // Forwarding

    private void forward(ForwardAction forward) {
        String name = forward.pickTargetGroup(loop.random());
        if (name == null) {
            fail(LbError.NO_TARGET_WITH_WEIGHT); // every weighted group at 0 (the validator refuses this)
            return;
        }
        group = state.targetGroups().get(name);
        if (group == null) {
            fail(LbError.INTERNAL_ERROR); // the validator makes this impossible; never crash the exchange
            return;
        }
        if (group.config().protocolVersion() != ProtocolVersion.HTTP1) {
            fail(LbError.PROTOCOL_VERSION_MISMATCH);
            return;
        }
        RoutableTargets routing = group.routing(); // one snapshot: the target and whether it is failover's
        Target picked = loop.balancer(group).pick(routing.targets());
        if (picked == null) {
            fail(routing.unavailableReason());
            return;
        }
        target = picked;
        unhealthyRouting = routing.failover();
        target.requestStarted(this);
        webSocket = ForwardedHeaders.isWebSocketUpgrade(request);
        String traceId = TraceIds.newTraceId(createdAt.getEpochSecond(), loop.random());
        traceHeader = TraceIds.forward(request.headers().get(ForwardedHeaders.X_AMZN_TRACE_ID), traceId);
        ForwardedHeaders.rewriteRequest(request, view, client.remoteAddress(), client.remoteAddressText(),
                state.attributes(),
                context.scheme(), context.listenerPort(), traceHeader, webSocket);
        connect();
    }

    private void connect() {
        phase = Phase.CONNECTING;
        TargetConnection idle = loop.pool().poll(target.address());
        if (idle != null) {
            sendRequest(idle);
            return;
        }
        connecting = loop.pool().connect(target.address(), state.attributes().targetConnectTimeout());
        connecting.addListener((ChannelFuture f) -> onConnected(f));
    }

    private void onConnected(ChannelFuture f) {
        connecting = null;
        if (!f.isSuccess()) {
            if (!finished) {
                fail(connectFailure(f.cause()));
            }
            return;
        }
        // ALB's connection metrics count balancer-to-target connections too, for as long as they stay open.
        ExchangeLog log = context.log();
        log.connectionOpened();
        f.channel().closeFuture().addListener(closed -> log.connectionClosed());
        TargetConnection c = f.channel().pipeline().get(TargetConnection.class);
        if (finished || error != null) {
            c.release(); // fresh and clean: keep it for the next request
            return;
        }
        sendRequest(c);
    }

    private static LbError connectFailure(Throwable cause) {
        if (cause instanceof ConnectTimeoutException) {
            return LbError.TARGET_CONNECT_TIMEOUT;
        }
        String message = String.valueOf(cause.getMessage()).toLowerCase(Locale.ROOT);
        if (cause instanceof ConnectException && message.contains("refused")) {
            return LbError.TARGET_CONNECTION_REFUSED;
        }
        return LbError.TARGET_CONNECTION_ERROR;
    }

    private void sendRequest(TargetConnection c) {
        upstream = c;
        c.bind(this);
        phase = Phase.AWAITING_RESPONSE;
        sentToTargetNanos = System.nanoTime();
        Channel ch = c.channel();
        ch.write(request, ch.voidPromise());
        if (pending != null) {
            HttpContent content;
            while ((content = pending.poll()) != null) {
                boolean last = content instanceof LastHttpContent;
                ch.write(content, ch.voidPromise());
                requestForwarded |= last;
            }
            pending = null;
            pendingBytes = 0;
            client.resumeReading(ClientConnection.PAUSE_CONNECTING);
        }
        ch.flush();
        if (!ch.isWritable()) {
            client.pauseReading(ClientConnection.PAUSE_BACKPRESSURE);
        }
    }

    private void writeUpstream(Object msg, boolean last) {
        Channel ch = upstream == null ? null : upstream.channel();
        if (ch == null || !ch.isActive()) {
            ReferenceCountUtil.release(msg);
            return;
        }
        ch.write(msg, ch.voidPromise());
        if (last || tunnel) {
            requestForwarded |= last;
            ch.flush();
        }
        if (!ch.isWritable()) {
            client.pauseReading(ClientConnection.PAUSE_BACKPRESSURE);
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // Target side

    @Override
    public void onTargetMessage(Object msg) {
        if (finished) {
            ReferenceCountUtil.release(msg);
            return;
        }
        if (tunnel || msg instanceof ByteBuf) {
            responseBodyBytes += msg instanceof ByteBuf b ? b.readableBytes() : 0;
            writeClient(msg, true);
            return;
        }
        if (msg instanceof HttpResponse response && response.decoderResult().isFailure()) {
            // An unparseable response arrives as one full message; release it once.
            ReferenceCountUtil.release(msg);
            fail(RequestChecks.responseDecoderFailure(response.decoderResult().cause()));
            return;
        }
        if (msg instanceof HttpResponse response) {
            onResponseHead(response);
        }
        if (msg instanceof HttpContent content) {
            onResponseContent(content);
        } else if (!(msg instanceof HttpObject)) {
            ReferenceCountUtil.release(msg);
        }
    }

    private void onResponseHead(HttpResponse response) {
        int code = response.status().code();
        if (code < 200 && code != 101) {
            // Interim (100 Continue, 103 Early Hints): pass it on and keep waiting for the final response.
            interim = true;
            ForwardedHeaders.sanitizeResponse(response);
            response.setProtocolVersion(HttpVersion.HTTP_1_1);
            client.channel().write(response, client.channel().voidPromise());
            return;
        }
        if (code == 101 && !webSocket) {
            // Switching protocols is only an answer to an upgrade it was asked for (RFC 9110 section 15.2.2).
            fail(LbError.TARGET_RESPONSE_MALFORMED);
            return;
        }
        targetStatus = code;
        elbStatus = code;
        responseHeadNanos = System.nanoTime();
        phase = Phase.STREAMING_RESPONSE;
        targetKeepAlive = HttpUtil.isKeepAlive(response);
        ForwardedHeaders.sanitizeResponse(response);
        boolean bodyless = head || code == 204 || code == 304 || code == 101;
        boolean framed = bodyless || HttpUtil.isContentLengthSet(response) || HttpUtil.isTransferEncodingChunked(response);
        if (!framed) {
            targetKeepAlive = false; // the body ends when the target closes
        }
        keepAlive = clientKeepAlive && client.mayKeepAlive() && code != 101;
        if (!bodyless && !HttpUtil.isContentLengthSet(response)) {
            if (http10) {
                HttpUtil.setTransferEncodingChunked(response, false);
                keepAlive = false; // HTTP/1.0 has no chunking: the body ends when we close
            } else if (!framed) {
                HttpUtil.setTransferEncodingChunked(response, true);
            }
        }
        if (code != 101) {
            if (!keepAlive) {
                response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
            } else if (http10) {
                response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
            }
        }
        response.setProtocolVersion(HttpVersion.HTTP_1_1);
        long length = HttpUtil.getContentLength(response, -1L);
        if (!bodyless && (0 <= length && length <= MAX_HELD_RESPONSE_BYTES || !framed)) {
            // Hold: a small response goes out whole; an unframed one waits for its first bytes to be checked.
            heldHead = response;
            heldBody = new ArrayDeque<>(2);
            checkUnframedBody = !framed;
            return;
        }
        commitHead(response);
    }

    private void commitHead(HttpResponse response) {
        responseStarted = true;
        responseStartNanos = System.nanoTime();
        client.channel().write(response, client.channel().voidPromise());
    }

    /** Sends the held head and body (not flushed). */
    private void releaseHeld() {
        HttpResponse h = heldHead;
        heldHead = null;
        if (heldBody.size() == 1 && heldBody.peek() instanceof LastHttpContent last
                && !(h instanceof FullHttpResponse)) {
            // The usual small response, read whole: one message, which the encoder writes as one buffer.
            heldBody = null;
            commitHead(new DefaultFullHttpResponse(h.protocolVersion(), h.status(), last.content(), h.headers(),
                    last.trailingHeaders()));
            return;
        }
        commitHead(h);
        HttpContent c;
        while ((c = heldBody.poll()) != null) {
            client.channel().write(c, client.channel().voidPromise());
        }
        heldBody = null;
    }

    /**
     * Seed 003's malformed response: an empty line inside the header block ends the headers early, so the rest
     * of the headers arrive as the start of an unframed body. A body that begins with a header-shaped line is
     * taken for exactly that.
     */
    private static boolean startsWithHeaderLine(HttpContent content) {
        ByteBuf b = content.content();
        int n = Math.min(b.readableBytes(), 1024);
        String start = b.toString(b.readerIndex(), n, java.nio.charset.StandardCharsets.ISO_8859_1);
        String trimmed = start.startsWith("\r\n") ? start.substring(2) : start.startsWith("\n") ? start.substring(1) : start;
        return HEADER_LINE.matcher(trimmed).find();
    }

    private void onResponseContent(HttpContent content) {
        if (content.decoderResult().isFailure()) {
            content.release();
            LbError e = RequestChecks.responseDecoderFailure(content.decoderResult().cause());
            fail(responseStarted ? LbError.TARGET_CLOSED_CONNECTION : e);
            return;
        }
        if (error != null) {
            content.release();
            return;
        }
        boolean last = content instanceof LastHttpContent;
        if (interim) {
            client.channel().write(content, client.channel().voidPromise());
            interim = !last;
            return;
        }
        responseBodyBytes += content.content().readableBytes();
        if (heldHead != null) {
            if (checkUnframedBody) {
                checkUnframedBody = false;
                if (startsWithHeaderLine(content)) {
                    content.release();
                    fail(LbError.TARGET_RESPONSE_MALFORMED);
                    return;
                }
                heldBody.add(content);
                releaseHeld();
                if (!last) {
                    client.channel().flush();
                    return;
                }
                client.channel().flush();
            } else {
                heldBody.add(content);
                if (!last) {
                    return;
                }
                releaseHeld();
                client.channel().flush();
            }
        } else {
            writeClient(content, last);
        }
        if (last) {
            responseDone = true;
            if (targetStatus == 101) {
                startTunnel();
            } else {
                maybeFinish();
            }
        }
    }

    private void writeClient(Object msg, boolean flush) {
        Channel ch = client.channel();
        if (flush) {
            ch.writeAndFlush(msg, ch.voidPromise());
        } else {
            ch.write(msg, ch.voidPromise());
        }
        if (!ch.isWritable() && upstream != null) {
            upstream.channel().config().setAutoRead(false);
        }
    }

    private void startTunnel() {
        tunnel = true;
        // Removing a codec hands on the bytes it had read past the HTTP part, so each side's codec goes only once
        // the other side can take raw bytes.
        client.upgradeToTunnel(() -> upstream.channel().pipeline().remove(TargetCodec.class));
        client.resumeReading(ClientConnection.PAUSE_PIPELINE);
    }

    @Override
    public void onTargetReadComplete() {
        client.channel().flush();
    }

    @Override
    public void onTargetWritabilityChanged(boolean writable) {
        if (writable) {
            client.resumeReading(ClientConnection.PAUSE_BACKPRESSURE);
        }
    }

    @Override
    public void onTargetClosed() {
        upstream = null;
        if (finished) {
            return;
        }
        if (tunnel) {
            finish(false);
        } else if (!responseStarted) {
            fail(LbError.TARGET_CLOSED_CONNECTION);
        } else if (!responseDone) {
            record(LbError.TARGET_CLOSED_CONNECTION);
            finish(false);
        } else {
            // The response is complete; the rest of the request body has nowhere to go.
            discardBody = true;
        }
    }

    @Override
    public void onTargetIdle() {
        if (finished || responseDone && !tunnel) {
            return; // the response is complete; only the client's side can still be slow
        }
        if (heldHead != null) {
            // Headers came, then the target went silent short of the body it announced: nothing sent yet, so 504.
            fail(LbError.TARGET_RESPONSE_INCOMPLETE);
        } else if (!responseStarted && !requestReceived) {
            // The target is silent while it still waits for the body the client stopped sending: the client's
            // silence is the cause (both timers run out together; whichever fires first, the answer is 408).
            fail(LbError.CLIENT_IDLE_TIMEOUT);
        } else if (!responseStarted) {
            fail(LbError.TARGET_IDLE_TIMEOUT);
        } else if (tunnel) {
            finish(false);
        } else if (client.channel().isWritable()) {
            // Headers went out, then the target stalled in the body (e.g. Content-Length larger than the body).
            record(LbError.TARGET_RESPONSE_INCOMPLETE);
            finish(false);
        }
        // Otherwise the target is paused because the client reads slowly: the client's idle timer decides.
    }

    @Override
    public void onTargetError(Throwable cause) {
        if (cause instanceof java.io.IOException) {
            onTargetClosed(); // reset by the target and the like
            return;
        }
        // Anything else is a failure of our own while handling the target's bytes: this exchange alone fails.
        upstream = null;
        org.slf4j.LoggerFactory.getLogger(Exchange.class)
                .error("Unexpected failure handling a response from {}; this exchange fails with 500", target, cause);
        fail(LbError.INTERNAL_ERROR);
    }

    // ---------------------------------------------------------------------------------------------------------
    // Outcomes

    /** The target's deregistration delay elapsed with this exchange in flight: cut it, on its own event loop. */
    @Override
    public void deregistrationDelayElapsed() {
        client.channel().eventLoop().execute(() -> fail(LbError.TARGET_DEREGISTERED));
    }

    /**
     * The load balancer answers this request itself with {@code e}. When response bytes already went out, the
     * status can no longer change: the client connection is closed and the error recorded.
     */
    void fail(LbError e) {
        if (finished) {
            return;
        }
        record(e);
        dropUpstream();
        if (responseStarted) {
            finish(false);
            return;
        }
        elbStatus = e.status();
        // The client gets the balancer's response: a target head held back (then found bad or incomplete) was
        // never delivered, so the log shows "-" for the target's status, as ALB's for a response it made itself.
        targetStatus = ExchangeRecord.NO_STATUS;
        if (e.closesConnection()) {
            requestReceived = true; // the stream is out of sync: the rest of the request is not read
        }
        if (e.responseless() || !client.channel().isActive()) {
            finish(false);
            return;
        }
        FullHttpResponse response = ErrorResponses.error(client.channel().alloc(), e,
                state.attributes().errorReasonHeader());
        respond(response, !e.closesConnection());
    }

    private void respond(FullHttpResponse response, boolean mayKeep) {
        responseBodyBytes = response.content().readableBytes(); // the balancer's own body replaces any held one
        discardBody = true;
        releasePending();
        elbStatus = response.status().code();
        keepAlive = mayKeep && clientKeepAlive && client.mayKeepAlive();
        if (!keepAlive) {
            ErrorResponses.markClose(response);
        } else if (http10) {
            response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
        }
        responseStarted = true;
        responseDone = true;
        responseStartNanos = System.nanoTime();
        client.channel().writeAndFlush(response, client.channel().voidPromise());
        maybeFinish();
    }

    private void record(LbError e) {
        if (error == null) {
            error = e;
            errorPhase = phase;
        }
    }

    private void dropUpstream() {
        if (connecting != null) {
            connecting.channel().close();
            connecting = null;
        }
        if (upstream != null) {
            TargetConnection c = upstream;
            upstream = null;
            c.discard();
        }
        releasePending();
        releaseHeldBody();
    }

    private void releaseHeldBody() {
        heldHead = null;
        if (heldBody != null) {
            heldBody.forEach(ReferenceCountUtil::release);
            heldBody = null;
        }
    }

    private void releasePending() {
        if (pending != null) {
            pending.forEach(ReferenceCountUtil::release);
            pending = null;
            pendingBytes = 0;
            client.resumeReading(ClientConnection.PAUSE_CONNECTING);
        }
    }

    private void maybeFinish() {
        if (!finished && requestReceived && responseDone) {
            finish(keepAlive);
        }
    }

    private void finish(boolean keep) {
        finished = true;
        phase = Phase.COMPLETE;
        if (upstream != null) {
            TargetConnection c = upstream;
            upstream = null;
            if (!tunnel && error == null && requestForwarded && responseDone && targetKeepAlive) {
                c.release();
            } else {
                c.discard();
            }
        }
        dropUpstream();
        if (target != null) {
            target.requestFinished(this);
        }
        context.log().record(toRecord());
        client.exchangeFinished(this, keep && (error == null || !error.closesConnection()));
    }

    /** The outcome so far (complete once the exchange finished). */
    public ExchangeRecord toRecord() {
        // ALB's convention: -1 for a phase not reached (redirects and fixed responses are never dispatched).
        // When the target failed and the balancer made the status, all three are -1; a client that left (460)
        // still shows how long dispatch took.
        boolean targetAnswered = targetStatus != ExchangeRecord.NO_STATUS;
        boolean dispatched = sentToTargetNanos != ExchangeRecord.NOT_REACHED;
        boolean timed = error == null || targetAnswered || error == LbError.CLIENT_CLOSED;
        long requestTime = timed && dispatched ? sentToTargetNanos - startNanos : ExchangeRecord.NOT_REACHED;
        long targetTime = timed && targetAnswered ? responseHeadNanos - sentToTargetNanos : ExchangeRecord.NOT_REACHED;
        long responseTime = timed && targetAnswered ? responseStartNanos - responseHeadNanos : ExchangeRecord.NOT_REACHED;
        return new ExchangeRecord(
                webSocket && targetStatus == 101 ? "ws" : context.scheme(),
                context.clock().instant(),
                client.remoteAddress(),
                target == null ? null : target.hostPort(),
                requestTime,
                targetTime,
                responseTime,
                elbStatus,
                targetStatus,
                client.receivedBytes() - receivedBytesAtStart,
                client.sentBytes() - sentBytesAtStart,
                method,
                view == null ? null : view.host(),
                context.listenerPort(),
                uri,
                protocol,
                userAgent,
                group == null ? null : group.arn(),
                traceHeader,
                route == null ? ExchangeRecord.NO_RULE : route.priority(),
                createdAt,
                actions,
                redirectUrl,
                error,
                client.connTraceId(),
                bodyBytes,
                responseBodyBytes,
                unhealthyRouting);
    }

    /** The phase the error struck in, or {@code null}. */
    public Phase errorPhase() {
        return errorPhase;
    }
}
