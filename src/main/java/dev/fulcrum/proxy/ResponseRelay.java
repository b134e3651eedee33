package dev.fulcrum.proxy;

import dev.fulcrum.core.LbError;
import dev.fulcrum.core.LbException;
import dev.fulcrum.core.Phase;
import dev.fulcrum.transport.Leg;
import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.regex.Pattern;

/**
 * The response on its way to the client, as a state machine. The target's response:
 * <pre>
 *   AWAITING_HEAD --1xx head--> INTERIM --its end--> AWAITING_HEAD
 *   AWAITING_HEAD --head, small or unframed--> HELD --complete, or first bytes checked--> STREAMING / DONE
 *   AWAITING_HEAD --head--> STREAMING --last content--> DONE
 * </pre>
 * or the balancer's own ({@link #sendLocal}: straight to DONE). While HELD nothing has reached the client, so a
 * target that stalls short of its length, or whose headers spill into an unframed body, is still answered by the
 * balancer (504, 502). The keep-alive decision is made here, once, when the head that goes out is chosen.
 */
final class ResponseRelay {

    enum State { AWAITING_HEAD, INTERIM, HELD, STREAMING, DONE }

    /** A header-shaped line: {@code token ":" value CRLF}. */
    private static final Pattern HEADER_LINE =
            Pattern.compile("^[!#$%&'*+.^_`|~0-9A-Za-z-]+:[ \\t]*[^\\r\\n]*\\r?\\n");

    private final Exchange exchange;
    private final ClientStream client;
    private final Outcome outcome;
    private final boolean clientAsksKeepAlive;
    private final boolean http10Client;
    private final boolean headRequest;
    private final boolean upgradeRequest;
    private State state = State.AWAITING_HEAD;
    private ResponseFraming framing;
    private boolean keepAlive;
    private int status;
    private HttpResponse heldHead;
    private ArrayDeque<HttpContent> heldBody;
    private boolean checkUnframedBody;

    /** The request facts are read from the head as it arrived, before forwarding rewrites it. */
    ResponseRelay(Exchange exchange, ClientStream client, Outcome outcome, boolean clientAsksKeepAlive,
            boolean http10Client, boolean headRequest, boolean upgradeRequest) {
        this.exchange = exchange;
        this.client = client;
        this.outcome = outcome;
        this.clientAsksKeepAlive = clientAsksKeepAlive;
        this.http10Client = http10Client;
        this.headRequest = headRequest;
        this.upgradeRequest = upgradeRequest;
    }

    State state() {
        return state;
    }

    /** True once any byte of the final response went to the client: its status can no longer change. */
    boolean started() {
        return state == State.STREAMING || state == State.DONE;
    }

    boolean isDone() {
        return state == State.DONE;
    }

    /** The decision for the response that went out (false until one did). */
    boolean keepAlive() {
        return keepAlive;
    }

    /** Whether the target connection may carry another request after this response. */
    boolean targetReusable() {
        return framing != null && framing.targetReusable();
    }

    /** The response switched protocols: the exchange becomes a tunnel once its head is out. */
    boolean switched() {
        return status == 101;
    }

    /** A decoded object of the target's response; {@code target} pauses while the client cannot take more. */
    void onTarget(HttpObject msg, Leg target) {
        if (msg.decoderResult().isFailure()) {
            ReferenceCountUtil.release(msg); // an unreadable head arrives as one full message: released once
            exchange.fail(LbException.errorOf(msg.decoderResult().cause(), LbError.TARGET_RESPONSE_MALFORMED));
            return;
        }
        if (msg instanceof HttpResponse head && !onHead(head)) {
            ReferenceCountUtil.release(msg);
            return;
        }
        if (msg instanceof HttpContent content) {
            onContent(content, target);
        }
    }

    /** Returns false when the head was refused (the exchange failed). */
    private boolean onHead(HttpResponse response) {
        int code = response.status().code();
        if (code < 200 && code != 101) {
            // Interim (100 Continue, 103 Early Hints): pass it on and keep waiting for the final response.
            state = State.INTERIM;
            ForwardedHeaders.sanitizeResponse(response);
            response.setProtocolVersion(HttpVersion.HTTP_1_1);
            client.write(response);
            return true;
        }
        if (code == 101 && !upgradeRequest) {
            // Switching protocols is only an answer to an upgrade it was asked for (RFC 9110 section 15.2.2).
            exchange.fail(LbError.TARGET_RESPONSE_MALFORMED);
            return false;
        }
        status = code;
        outcome.responseHead(code);
        outcome.enter(Phase.STREAMING_RESPONSE);
        framing = ResponseFraming.of(response, headRequest, http10Client);
        ForwardedHeaders.sanitizeResponse(response);
        framing.applyTo(response);
        keepAlive = KeepAlive.decide(clientAsksKeepAlive, client, !framing.closeDelimited() && code != 101);
        if (code != 101) {
            KeepAlive.apply(response, keepAlive, http10Client);
        }
        response.setProtocolVersion(HttpVersion.HTTP_1_1);
        if (framing.hold()) {
            state = State.HELD;
            heldHead = response;
            heldBody = new ArrayDeque<>(2);
            checkUnframedBody = !framing.framed();
            return true;
        }
        commit(response);
        return true;
    }

    private void onContent(HttpContent content, Leg target) {
        boolean last = content instanceof LastHttpContent;
        switch (state) {
            case INTERIM -> {
                client.write(content);
                if (last) {
                    state = State.AWAITING_HEAD;
                }
            }
            case HELD -> hold(content, last);
            case STREAMING -> {
                outcome.responseBody(content.content().readableBytes());
                Leg.relay(content, target, client, last);
                if (last) {
                    complete();
                }
            }
            default -> content.release(); // nothing is expected: the response failed or is complete
        }
    }

    private void hold(HttpContent content, boolean last) {
        outcome.responseBody(content.content().readableBytes());
        if (checkUnframedBody) {
            checkUnframedBody = false;
            if (startsWithHeaderLine(content)) {
                content.release();
                exchange.fail(LbError.TARGET_RESPONSE_MALFORMED);
                return;
            }
            heldBody.add(content);
            releaseHeld();
        } else {
            heldBody.add(content);
            if (!last) {
                return;
            }
            releaseHeld();
        }
        client.flush();
        if (last) {
            complete();
        }
    }

    /**
     * Seed 003's malformed response: an empty line inside the header block ends the headers early, so the rest
     * of the headers arrive as the start of an unframed body. A body that begins with a header-shaped line is
     * taken for exactly that.
     */
    private static boolean startsWithHeaderLine(HttpContent content) {
        ByteBuf b = content.content();
        int n = Math.min(b.readableBytes(), 1024);
        String start = b.toString(b.readerIndex(), n, StandardCharsets.ISO_8859_1);
        String trimmed = start.startsWith("\r\n") ? start.substring(2) : start.startsWith("\n") ? start.substring(1) : start;
        return HEADER_LINE.matcher(trimmed).find();
    }

    /** Sends the held head and body (not flushed). */
    private void releaseHeld() {
        HttpResponse h = heldHead;
        heldHead = null;
        if (heldBody.size() == 1 && heldBody.peek() instanceof LastHttpContent last
                && !(h instanceof FullHttpResponse)) {
            // The usual small response, read whole: one message, which the encoder writes as one buffer.
            heldBody = null;
            commit(new DefaultFullHttpResponse(h.protocolVersion(), h.status(), last.content(), h.headers(),
                    last.trailingHeaders()));
            return;
        }
        commit(h);
        HttpContent c;
        while ((c = heldBody.poll()) != null) {
            client.write(c);
        }
        heldBody = null;
    }

    private void commit(HttpResponse head) {
        state = State.STREAMING;
        outcome.responseStarted();
        client.write(head);
    }

    private void complete() {
        state = State.DONE;
        exchange.responseComplete();
    }

    /** The balancer answers itself; {@code mayKeep} is false when the rest of the request cannot be read in step. */
    void sendLocal(FullHttpResponse response, boolean mayKeep) {
        discardHeld();
        keepAlive = KeepAlive.decide(clientAsksKeepAlive, client, mayKeep);
        KeepAlive.apply(response, keepAlive, http10Client);
        state = State.DONE;
        outcome.localReply(response.status().code(), response.content().readableBytes());
        client.writeAndFlush(response);
    }

    /** Releases a held response that will never be sent. */
    void discardHeld() {
        heldHead = null;
        if (heldBody != null) {
            heldBody.forEach(ReferenceCountUtil::release);
            heldBody = null;
        }
        if (state == State.HELD) {
            state = State.AWAITING_HEAD;
        }
    }
}
