package dev.fulcrum.proxy;

import dev.fulcrum.core.LbError;
import dev.fulcrum.core.Phase;
import dev.fulcrum.observability.ExchangeLog;
import dev.fulcrum.pool.TargetConnection;
import dev.fulcrum.pool.TargetConnectionPool;
import dev.fulcrum.pool.TargetTlsException;
import dev.fulcrum.transport.Leg;
import dev.fulcrum.transport.Pause;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ConnectTimeoutException;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.ssl.SslContext;
import io.netty.util.ReferenceCountUtil;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayDeque;

/**
 * The exchange's connection to its target: taken from the event loop's pool or opened, the request head and body
 * written to it as they come (the body buffered while the connection opens, reading paused beyond
 * {@link #MAX_PENDING_BODY_BYTES}), and given back to the pool or closed at the end. What the target sends goes to
 * the exchange.
 */
final class TargetLeg implements TargetConnection.Listener {

    /** Request body buffered while the target connection is being opened, before the client's reading pauses. */
    static final int MAX_PENDING_BODY_BYTES = 64 * 1024;

    private final Exchange exchange;
    private final ClientStream client;
    private final TargetConnectionPool pool;
    private final ExchangeLog log;
    private final Outcome outcome;
    private HttpRequest head;
    private ArrayDeque<Object> pending;
    private int pendingBytes;
    private ChannelFuture connecting;
    private TargetConnection connection;
    private boolean requestComplete;
    private boolean ended;

    TargetLeg(Exchange exchange, ClientStream client, TargetConnectionPool pool, ExchangeLog log, Outcome outcome) {
        this.exchange = exchange;
        this.client = client;
        this.pool = pool;
        this.log = log;
        this.outcome = outcome;
    }

    /**
     * Sends {@code request} to {@code address} on an idle pooled connection, or on a new one once it is open (and,
     * with {@code tls}, its handshake done).
     */
    void open(InetSocketAddress address, Duration connectTimeout, HttpRequest request, SslContext tls) {
        head = request;
        outcome.enter(Phase.CONNECTING);
        TargetConnection idle = pool.poll(address, tls != null);
        if (idle != null) {
            send(idle);
            return;
        }
        connecting = pool.connect(address, connectTimeout, tls);
        connecting.addListener((ChannelFuture f) -> {
            if (f.isSuccess()) {
                TargetConnectionPool.ready(f.channel()).addListener(ready -> onConnected(f, ready.cause()));
            } else {
                onConnected(f, f.cause());
            }
        });
    }

    private void onConnected(ChannelFuture f, Throwable failure) {
        connecting = null;
        if (failure != null) {
            f.channel().close();
            if (!ended) {
                exchange.fail(connectFailure(failure));
            }
            return;
        }
        // ALB's connection metrics count balancer-to-target connections too, for as long as they stay open.
        log.connectionOpened();
        f.channel().closeFuture().addListener(closed -> log.connectionClosed());
        TargetConnection c = f.channel().pipeline().get(TargetConnection.class);
        if (ended) {
            c.release(); // fresh and clean: keep it for the next request
            return;
        }
        send(c);
    }

    /**
     * What a failed connect means, by the failure's type: every transport reports ECONNREFUSED as a
     * ConnectException (NIO and the native ones alike) and an unreachable network or host as a
     * NoRouteToHostException; the connect timeout is Netty's own; a TLS handshake's failure comes typed from the
     * pool.
     */
    static LbError connectFailure(Throwable cause) {
        if (cause instanceof TargetTlsException tls) {
            return tls.timedOut() ? LbError.TARGET_TLS_HANDSHAKE_TIMEOUT : LbError.TARGET_TLS_NEGOTIATION_ERROR;
        }
        if (cause instanceof ConnectTimeoutException) {
            return LbError.TARGET_CONNECT_TIMEOUT;
        }
        if (cause instanceof ConnectException) {
            return LbError.TARGET_CONNECTION_REFUSED;
        }
        return LbError.TARGET_CONNECTION_ERROR;
    }

    private void send(TargetConnection c) {
        connection = c;
        c.bind(this);
        outcome.enter(Phase.AWAITING_RESPONSE);
        outcome.requestSent();
        c.write(head);
        head = null;
        if (pending != null) {
            Object msg;
            while ((msg = pending.poll()) != null) {
                c.write(msg);
            }
            pending = null;
            pendingBytes = 0;
            client.resumeReading(Pause.CONNECTING);
        }
        c.flush();
        if (!c.isWritable()) {
            client.pauseReading(Pause.BACKPRESSURE);
        }
    }

    /** A piece of the request body, or raw bytes in a tunnel ({@code push}: write it out now). Takes ownership. */
    void forward(Object msg, boolean last, boolean push) {
        requestComplete |= last;
        if (connection != null) {
            Leg.relay(msg, client, connection, last || push);
        } else if (ended) {
            ReferenceCountUtil.release(msg);
        } else {
            if (pending == null) {
                pending = new ArrayDeque<>();
            }
            pending.add(msg);
            pendingBytes += msg instanceof HttpContent c ? c.content().readableBytes() : 0;
            if (pendingBytes > MAX_PENDING_BODY_BYTES) {
                client.pauseReading(Pause.CONNECTING);
            }
        }
    }

    /** The client's read batch ended: push what was written to the target. */
    void flush() {
        if (connection != null) {
            connection.flush();
        }
    }

    /** The target's connection, once a request went out on it ({@code null} before). */
    Leg connection() {
        return connection;
    }

    /** The WebSocket's 101 arrived: the target's bytes come raw from now on. */
    void upgradeToTunnel() {
        connection.upgradeToTunnel();
    }

    /**
     * Ends the leg: a connection that finished a whole request and a clean response ({@code reusable}) goes back to
     * the pool; any other closes, as does one still opening.
     */
    void end(boolean reusable) {
        if (ended) {
            return;
        }
        ended = true;
        if (connecting != null) {
            connecting.channel().close();
            connecting = null;
        }
        if (connection != null) {
            TargetConnection c = connection;
            connection = null;
            if (reusable && requestComplete) {
                c.release();
            } else {
                c.discard();
            }
        }
        if (head != null) {
            ReferenceCountUtil.release(head);
            head = null;
        }
        if (pending != null) {
            pending.forEach(ReferenceCountUtil::release);
            pending = null;
            pendingBytes = 0;
            client.resumeReading(Pause.CONNECTING);
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // What the target connection reports, while this leg holds it

    @Override
    public void onTargetMessage(Object msg) {
        exchange.onTargetMessage(msg);
    }

    @Override
    public void onTargetReadComplete() {
        client.flush();
    }

    @Override
    public void onTargetWritabilityChanged(boolean writable) {
        if (writable) {
            client.resumeReading(Pause.BACKPRESSURE);
        }
    }

    @Override
    public void onTargetClosed() {
        connection = null;
        exchange.onTargetClosed();
    }

    @Override
    public void onTargetIdle() {
        exchange.onTargetIdle();
    }

    @Override
    public void onTargetError(Throwable cause) {
        connection = null;
        exchange.onTargetError(cause);
    }
}
