package dev.fulcrum.proxy;

import dev.fulcrum.config.Protocol;
import dev.fulcrum.core.LbError;
import dev.fulcrum.core.Phase;
import dev.fulcrum.routing.Action;
import dev.fulcrum.routing.FixedResponseAction;
import dev.fulcrum.routing.ForwardAction;
import dev.fulcrum.routing.RedirectAction;
import dev.fulcrum.routing.Route;
import dev.fulcrum.target.Target;
import dev.fulcrum.transport.Leg;
import dev.fulcrum.transport.Pause;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import org.slf4j.LoggerFactory;

/**
 * One request and its response, from the decoded request head to the last byte of the response, on the client
 * stream's event loop (the target connection lives on the same loop). The exchange coordinates its parts:
 * <pre>
 *   client stream --head--> checks, QPS --> route --> Dispatch (group, target) --> TargetLeg --> target
 *                 --body-------------------------------------------------------> TargetLeg
 *   client stream <--------------------- ResponseRelay (or LocalReply) <------------------------ target
 *                 <========================== Tunnel (after a 101) ============================>
 * </pre>
 * It ends when the request has been read to its end and the response written to its end; only then may the client
 * serve its next (possibly pipelined) request, and the target connection go back to its pool, when both
 * directions finished cleanly. The first error wins ({@link Outcome}): it sets the status when no response byte
 * went out yet, else the exchange is cut; either way the record keeps the error and the phase it struck in.
 */
public final class Exchange implements Target.InFlight {

    private final ProxyContext context;
    private final RoutingState state;
    private final LoopResources loop;
    private final ClientStream client;
    /** The request head, {@code null} when nothing readable arrived (the exchange can only be rejected). */
    private final HttpRequest request;
    private final HttpRequestView view;
    private final DesyncMitigation mitigation;
    private final Outcome outcome;
    private final ResponseRelay relay;
    private TargetLeg targetLeg;
    private Tunnel tunnel;
    private Target target;
    /** The request was read to its end, or its rest will not be read (the stream is out of step). */
    private boolean requestDone;
    /** The rest of the request body goes nowhere (the response is complete, or the balancer answered). */
    private boolean discardBody;
    private boolean finished;

    /** @param request the decoded request head, or {@code null} when nothing readable arrived */
    public Exchange(ProxyContext context, ClientStream client, HttpRequest request, HeadVerdict verdict) {
        this(context, client, request, verdict, Outcome.NOW);
    }

    /**
     * An exchange whose request began before now: {@code startNanos} (the ticker's) is when its first byte came, or
     * when its connection opened for one that never sent any; the log's request_creation_time says so.
     */
    public Exchange(ProxyContext context, ClientStream client, HttpRequest request, HeadVerdict verdict,
            long startNanos) {
        this.context = context;
        this.state = context.state();
        this.client = client;
        this.loop = context.loop(client.eventLoop());
        this.request = request;
        this.view = request == null ? null : new HttpRequestView(request, client.remoteAddress().getAddress());
        this.outcome = new Outcome(context.ticker(), context.clock(), request, view, startNanos, client.http2());
        this.mitigation = DesyncMitigation.of(state.attributes().desyncMitigationMode(), verdict);
        outcome.classified(verdict.classification());
        this.relay = new ResponseRelay(this, client, outcome, KeepAlive.clientAsks(request) && !mitigation.closeAfter(),
                request != null && request.protocolVersion().equals(HttpVersion.HTTP_1_0),
                request != null && HttpMethod.HEAD.equals(request.method()),
                request != null && ForwardedHeaders.isWebSocketUpgrade(request));
    }

    /** The request was read to its end (or will not be read further): its response is all that is left. */
    public boolean isRequestDone() {
        return requestDone;
    }

    public boolean isFinished() {
        return finished;
    }

    /** The phase the exchange is in now. */
    public Phase phase() {
        return outcome.phase();
    }

    // ---------------------------------------------------------------------------------------------------------
    // The client side

    /** Checks and routes the request head, then answers it or starts forwarding it. */
    public void start() {
        LbError refused = RequestChecks.refusal(request, mitigation.blocks(), state.attributes());
        if (refused != null) {
            fail(refused);
            return;
        }
        context.faults().beforeRouting(request);
        outcome.enter(Phase.ROUTING);
        if (!state.admits(context.ticker().nanoTime())) {
            fail(LbError.QPS_LIMITED);
            return;
        }
        Route route = state.router().route(view);
        outcome.routed(route);
        Action action = route.action();
        if (action instanceof ForwardAction forward) {
            forward(forward);
        } else if (action instanceof RedirectAction redirect) {
            String location = redirect.location(view, context.scheme(), context.listenerPort());
            if (location.length() > RedirectAction.MAX_LOCATION) {
                fail(LbError.REDIRECT_URL_TOO_LONG);
                return;
            }
            outcome.redirected(location);
            reply(LocalReply.redirect(client.alloc(), redirect.statusCode(), location), true);
        } else if (action instanceof FixedResponseAction fixed) {
            reply(LocalReply.fixed(client.alloc(), fixed), true);
        }
    }

    /**
     * Answers with {@code e} without reading further: a request the stream could not read (the codec's typed
     * failure), or a connection that went silent before sending a whole request head.
     */
    public void reject(LbError e) {
        requestDone = true;
        fail(mitigation.blocks() && DesyncMitigation.yieldsToTheMode(e) ? LbError.DESYNC_MITIGATION_BLOCKED : e);
    }

    /** An unexpected failure inside the balancer: this exchange fails alone with 500. */
    public void internalError() {
        requestDone = true;
        fail(LbError.INTERNAL_ERROR);
    }

    /** A piece of the request body (or, in a tunnel, raw bytes). Takes ownership of {@code msg}. */
    public void onRequestContent(Object msg) {
        if (tunnel != null) {
            tunnel.fromClient(msg);
            return;
        }
        if (!(msg instanceof HttpContent content)) {
            ReferenceCountUtil.release(msg);
            return;
        }
        boolean last = content instanceof LastHttpContent;
        requestDone |= last;
        outcome.requestBody(content.content().readableBytes());
        long max = state.attributes().maxRequestBodyBytes();
        if (max > 0 && outcome.requestBodyBytes() > max && !discardBody) {
            content.release();
            requestDone = true;
            fail(LbError.REQUEST_BODY_TOO_LARGE);
            return;
        }
        if (discardBody || finished || targetLeg == null) {
            content.release();
        } else {
            targetLeg.forward(content, last, false);
        }
        if (last) {
            maybeFinish();
        }
    }

    /** The client's read batch ended: push what was written to the target. */
    public void onClientReadComplete() {
        if (targetLeg != null) {
            targetLeg.flush();
        }
    }

    /** The client can take more again: the target may read on. */
    public void onClientWritable() {
        Leg target = targetLeg == null ? null : targetLeg.connection();
        if (target != null) {
            target.resumeReading(Pause.BACKPRESSURE);
        }
    }

    /** The client went away (FIN or RST) before this exchange ended. */
    public void onClientClosed() {
        if (finished) {
            return;
        }
        if (tunnel == null && !relay.started()) {
            // Nothing was sent: a client that left while its body was still coming is 400, else 460.
            LbError e = requestDone ? LbError.CLIENT_CLOSED : LbError.REQUEST_BODY_INCOMPLETE;
            outcome.failed(e);
            outcome.unanswered(e.status());
        }
        finish(false); // a client that left in the middle of the response (or a WebSocket): nothing more to send
    }

    /** The client was idle for the idle timeout while this exchange was active. */
    public void onClientIdle() {
        if (finished) {
            return;
        }
        if (tunnel != null || relay.started()) {
            // A silent WebSocket, a client that stopped reading the response, or one that stopped sending the
            // rest of a body whose response is complete: give up on both sides.
            finish(false);
        } else if (!requestDone) {
            fail(LbError.CLIENT_IDLE_TIMEOUT);
        }
        // Otherwise the target is working on it; the target side's idle timer decides.
    }

    // ---------------------------------------------------------------------------------------------------------
    // Forwarding

    private void forward(ForwardAction forward) {
        Dispatch d = Dispatch.pick(forward, state, loop, client.http2() && Dispatch.isGrpc(request));
        outcome.targetPicked(d.group() == null ? null : d.group().arn(),
                d.target() == null ? null : d.target().hostPort(), d.inFailover());
        if (d.error() != null) {
            fail(d.error());
            return;
        }
        target = d.target();
        target.requestStarted(this);
        boolean webSocket = ForwardedHeaders.isWebSocketUpgrade(request);
        String traceHeader = TraceIds.forward(request.headers().get(ForwardedHeaders.X_AMZN_TRACE_ID),
                TraceIds.newTraceId(outcome.createdAt().getEpochSecond(), loop.random()));
        outcome.forwarded(traceHeader, webSocket);
        outcome.headerFieldsDropped(ForwardedHeaders.rewriteRequest(request, view, client.remoteAddress(),
                client.remoteAddressText(), client.tlsSession(), state.attributes(), context.scheme(),
                context.listenerPort(), traceHeader, webSocket));
        targetLeg = new TargetLeg(this, client, loop.pool(), context.log(), outcome);
        targetLeg.open(target.address(), state.attributes().targetConnectTimeout(), request,
                d.group().config().protocol() == Protocol.HTTPS ? context.targetTls() : null);
    }

    // ---------------------------------------------------------------------------------------------------------
    // The target side (through TargetLeg)

    void onTargetMessage(Object msg) {
        if (finished) {
            ReferenceCountUtil.release(msg);
        } else if (tunnel != null) {
            tunnel.fromTarget(msg);
        } else if (msg instanceof HttpObject o) {
            relay.onTarget(o, targetLeg.connection());
        } else {
            ReferenceCountUtil.release(msg);
        }
    }

    /** The response went out whole: serve the tunnel it opened, or end when the request is done too. */
    void responseComplete() {
        if (relay.switched()) {
            Leg target = targetLeg.connection();
            tunnel = new Tunnel(client, target, outcome);
            // Each side's codec goes only once the other side can take raw bytes (ClientStream#upgradeToTunnel).
            client.upgradeToTunnel(targetLeg::upgradeToTunnel);
            client.resumeReading(Pause.PIPELINE);
        } else {
            maybeFinish();
        }
    }

    void onTargetClosed() {
        if (finished) {
            return;
        }
        if (tunnel != null) {
            finish(false);
        } else if (!relay.started()) {
            fail(LbError.TARGET_CLOSED_CONNECTION);
        } else if (!relay.isDone()) {
            cut(LbError.TARGET_CLOSED_CONNECTION);
        } else {
            discardBody = true; // the response is complete; the rest of the request body has nowhere to go
        }
    }

    void onTargetIdle() {
        if (finished) {
            return;
        }
        if (tunnel != null) {
            finish(false);
            return;
        }
        switch (relay.state()) {
            // Headers came, then the target went silent short of the body it announced: nothing sent yet, so 504.
            case HELD -> fail(LbError.TARGET_RESPONSE_INCOMPLETE);
            // No response yet. While the client still owes the body, the target waits for it: the client's
            // silence is the cause (both timers run out together; whichever fires first, the answer is 408).
            case AWAITING_HEAD, INTERIM -> fail(requestDone ? LbError.TARGET_IDLE_TIMEOUT : LbError.CLIENT_IDLE_TIMEOUT);
            case STREAMING -> {
                // Headers went out, then the target stalled in the body (e.g. Content-Length larger than the body).
                // If instead the client reads slowly, the target is only paused: the client's idle timer decides.
                if (client.isWritable()) {
                    cut(LbError.TARGET_RESPONSE_INCOMPLETE);
                }
            }
            case DONE -> { } // the response is complete; only the client's side can still be slow
        }
    }

    void onTargetError(Throwable cause) {
        if (cause instanceof java.io.IOException) {
            onTargetClosed(); // reset by the target and the like
            return;
        }
        // Anything else is a failure of our own while handling the target's bytes: this exchange alone fails.
        LoggerFactory.getLogger(Exchange.class)
                .error("Unexpected failure handling a response from {}; this exchange fails with 500", target, cause);
        fail(LbError.INTERNAL_ERROR);
    }

    /** The target's deregistration delay elapsed with this exchange in flight: cut it, on its own event loop. */
    @Override
    public void deregistrationDelayElapsed() {
        client.eventLoop().execute(() -> fail(LbError.TARGET_DEREGISTERED));
    }

    // ---------------------------------------------------------------------------------------------------------
    // Outcomes

    /**
     * The load balancer answers this request itself with {@code e}, the one place where a failure becomes a
     * response. When response bytes already went out, the status can no longer change: the exchange is cut.
     */
    void fail(LbError e) {
        if (finished) {
            return;
        }
        if (relay.started()) {
            cut(e);
            return;
        }
        outcome.failed(e);
        endTarget();
        if (e.closesConnection()) {
            requestDone = true; // the stream is out of step: the rest of the request is not read
        }
        if (e.responseless() || !client.isOpen()) {
            outcome.unanswered(e.status());
            finish(false);
            return;
        }
        reply(LocalReply.error(client.alloc(), e, state.attributes().errorReasonHeader()), !e.closesConnection());
    }

    /** Ends the exchange half-way: the error is recorded, the client connection closes. */
    private void cut(LbError e) {
        outcome.failed(e);
        finish(false);
    }

    private void reply(FullHttpResponse response, boolean mayKeep) {
        discardBody = true;
        relay.sendLocal(response, mayKeep);
        maybeFinish();
    }

    private void endTarget() {
        if (targetLeg != null) {
            targetLeg.end(false);
        }
        relay.discardHeld();
    }

    private void maybeFinish() {
        if (!finished && requestDone && relay.isDone() && tunnel == null) {
            finish(relay.keepAlive());
        }
    }

    private void finish(boolean keepOpen) {
        finished = true;
        outcome.enter(Phase.COMPLETE);
        if (targetLeg != null) {
            targetLeg.end(tunnel == null && outcome.error() == null && relay.isDone() && relay.targetReusable()
                    && !mitigation.closeAfter());
        }
        relay.discardHeld();
        if (target != null) {
            target.requestFinished(this);
        }
        context.log().record(outcome.toRecord(client, context.listenerPort()));
        client.exchangeFinished(this, keepOpen);
    }
}
