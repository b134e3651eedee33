package dev.fulcrum.proxy;

import dev.fulcrum.core.LbError;
import dev.fulcrum.core.Phase;
import dev.fulcrum.core.Ticker;
import dev.fulcrum.desync.Classification;
import dev.fulcrum.observability.ExchangeRecord;
import dev.fulcrum.routing.Route;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What happened to one exchange, filled in step by step as it happens and turned into its {@link ExchangeRecord}
 * once, at the end. The first error wins and keeps the phase it really struck in (Envoy keeps what failed apart
 * from where; HAProxy's termination state records both); each timing mark is set once from the injected ticker.
 */
final class Outcome {

    private final Ticker ticker;
    private final Clock clock;
    private final long startNanos;
    private final Instant createdAt;
    private final String method;
    private final String uri;
    private final String protocol;
    private final String host;
    private final String userAgent;
    private Phase phase = Phase.READING_REQUEST;
    private LbError error;
    private Phase errorPhase;
    private int elbStatus;
    private int targetStatus = ExchangeRecord.NO_STATUS;
    private long sentToTargetNanos = ExchangeRecord.NOT_REACHED;
    private long responseHeadNanos = ExchangeRecord.NOT_REACHED;
    private long responseStartNanos = ExchangeRecord.NOT_REACHED;
    private int rulePriority = ExchangeRecord.NO_RULE;
    private final List<String> actions = new ArrayList<>(1);
    private String targetGroupArn;
    private String target;
    private boolean unhealthyRouting;
    private String traceHeader;
    private String redirectUrl;
    private boolean webSocket;
    private long requestBodyBytes;
    private long responseBodyBytes;
    private int headerFieldsDropped;
    private Classification classification = Classification.COMPLIANT;

    /** {@link Outcome}'s start for a request that begins now (the usual case: its head just came whole). */
    static final long NOW = Long.MIN_VALUE;

    /**
     * @param request the request head as received, {@code null} when none could be read
     * @param startNanos when the request began (its first byte, on the ticker's scale), for request_creation_time,
     *     or {@link #NOW}
     */
    /** @param http2 the request came as an HTTP/2 stream: its protocol is logged {@code HTTP/2.0} */
    Outcome(Ticker ticker, Clock clock, HttpRequest request, HttpRequestView view, long startNanos, boolean http2) {
        this.ticker = ticker;
        this.clock = clock;
        if (startNanos == NOW) {
            this.startNanos = ticker.nanoTime();
            this.createdAt = clock.instant();
        } else {
            this.startNanos = startNanos;
            this.createdAt = clock.instant().minusNanos(Math.max(0, ticker.nanoTime() - startNanos));
        }
        // As the client sent them: the request head is rewritten in place before it goes to the target.
        this.method = request == null ? null : request.method().name();
        this.uri = request == null ? null : request.uri();
        this.protocol = request == null ? null : http2 ? "HTTP/2.0" : request.protocolVersion().text();
        this.host = view == null ? null : view.host();
        this.userAgent = request == null ? null : request.headers().get(HttpHeaderNames.USER_AGENT);
    }

    Instant createdAt() {
        return createdAt;
    }

    Phase phase() {
        return phase;
    }

    void enter(Phase next) {
        phase = next;
    }

    /** Records {@code e} in the current phase, unless an earlier error was recorded: the first cause wins. */
    void failed(LbError e) {
        if (error == null) {
            error = e;
            errorPhase = phase;
        }
    }

    LbError error() {
        return error;
    }

    void routed(Route route) {
        rulePriority = route.priority();
        actions.add(route.action().type());
    }

    void targetPicked(String targetGroupArn, String target, boolean inFailover) {
        this.targetGroupArn = targetGroupArn;
        this.target = target;
        this.unhealthyRouting = inFailover;
    }

    void forwarded(String traceHeader, boolean webSocket) {
        this.traceHeader = traceHeader;
        this.webSocket = webSocket;
    }

    void classified(Classification classification) {
        this.classification = classification;
    }

    /** Header fields {@code routing.http.drop_invalid_header_fields.enabled} removed before forwarding. */
    void headerFieldsDropped(int count) {
        headerFieldsDropped = count;
    }

    void redirected(String location) {
        this.redirectUrl = location;
    }

    void requestSent() {
        sentToTargetNanos = ticker.nanoTime();
    }

    void requestBody(long bytes) {
        requestBodyBytes += bytes;
    }

    long requestBodyBytes() {
        return requestBodyBytes;
    }

    /** The target's final response head arrived. */
    void responseHead(int status) {
        targetStatus = status;
        elbStatus = status;
        responseHeadNanos = ticker.nanoTime();
    }

    /** The first byte of the response went to the client. */
    void responseStarted() {
        responseStartNanos = ticker.nanoTime();
    }

    void responseBody(long bytes) {
        responseBodyBytes += bytes;
    }

    /**
     * The balancer answers with its own response of {@code status}: a target head held back (then found bad or
     * incomplete) was never delivered, so the log shows {@code -} for the target's status, as ALB's does for a
     * response it made itself; the balancer's body replaces any held one.
     */
    void localReply(int status, int bodyBytes) {
        elbStatus = status;
        targetStatus = ExchangeRecord.NO_STATUS;
        responseBodyBytes = bodyBytes;
        responseStarted();
    }

    /** No response can reach the client (it went away): the status is only logged. */
    void unanswered(int status) {
        elbStatus = status;
        targetStatus = ExchangeRecord.NO_STATUS;
    }

    /** The record, with the byte counts the client stream kept. */
    ExchangeRecord toRecord(ClientStream client, int listenerPort) {
        // ALB's convention: -1 for a phase not reached (redirects and fixed responses are never dispatched).
        // When the target failed and the balancer made the status, all three are -1; a client that left (460)
        // still shows how long dispatch took.
        boolean targetAnswered = targetStatus != ExchangeRecord.NO_STATUS;
        boolean dispatched = sentToTargetNanos != ExchangeRecord.NOT_REACHED;
        boolean timed = error == null || targetAnswered || error == LbError.CLIENT_CLOSED;
        long requestTime = timed && dispatched ? sentToTargetNanos - startNanos : ExchangeRecord.NOT_REACHED;
        long targetTime = timed && targetAnswered ? responseHeadNanos - sentToTargetNanos : ExchangeRecord.NOT_REACHED;
        long responseTime = timed && targetAnswered && responseStartNanos != ExchangeRecord.NOT_REACHED
                ? responseStartNanos - responseHeadNanos : ExchangeRecord.NOT_REACHED;
        return new ExchangeRecord(
                type(client.tlsSession() != null, client.http2()),
                clock.instant(),
                client.remoteAddress(),
                target,
                requestTime,
                targetTime,
                responseTime,
                elbStatus,
                targetStatus,
                client.receivedBytes(),
                client.sentBytes(),
                method,
                host,
                listenerPort,
                uri,
                protocol,
                userAgent,
                targetGroupArn,
                traceHeader,
                rulePriority,
                createdAt,
                actions,
                redirectUrl,
                error,
                client.connTraceId(),
                requestBodyBytes,
                responseBodyBytes,
                unhealthyRouting,
                errorPhase,
                headerFieldsDropped,
                classification,
                client.tlsSession());
    }

    /** ALB's {@code type}: what the client spoke on this connection, TLS or not. */
    private String type(boolean tls, boolean http2) {
        if (http2) {
            return "h2";
        }
        if (webSocket && targetStatus == 101) {
            return tls ? "wss" : "ws";
        }
        return tls ? "https" : "http";
    }
}
