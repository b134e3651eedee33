package dev.fulcrum.pool;

import dev.fulcrum.transport.IdleTimeoutHandler;
import dev.fulcrum.transport.Transport;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.Promise;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Idle keep-alive connections to targets, for ONE event loop. Exchanges running on that loop take connections
 * here and give them back; connections never cross loops, so nothing here is synchronized.
 *
 * <p>Reuse is last-in first-out: the most recently used connection is the least likely to have been closed by
 * the target's keep-alive timer. Idle connections close after the load balancer's idle timeout.
 */
public final class TargetConnectionPool {

    /** Limits of a target response that the decoder enforces (ALB: 32 KiB of response headers). */
    public static final int MAX_RESPONSE_HEADER_BYTES = 32 * 1024;
    public static final int MAX_STATUS_LINE_BYTES = 8 * 1024;
    static final int MAX_CHUNK_BYTES = 64 * 1024;

    private final EventLoop loop;
    private final Transport transport;
    private final int maxIdlePerTarget;
    private final Map<InetSocketAddress, ArrayDeque<TargetConnection>> idle = new HashMap<>();
    /** Idle TLS connections, apart: a target's address may serve an HTTP and an HTTPS group. */
    private final Map<InetSocketAddress, ArrayDeque<TargetConnection>> idleTls = new HashMap<>();
    private final Bootstrap bootstrap;
    private volatile Duration idleTimeout;
    private boolean closed;

    public TargetConnectionPool(EventLoop loop, Transport transport, Duration idleTimeout, int maxIdlePerTarget) {
        this.loop = loop;
        this.transport = transport;
        this.idleTimeout = idleTimeout;
        this.maxIdlePerTarget = maxIdlePerTarget;
        this.bootstrap = new Bootstrap()
                .group(loop)
                .channel(transport.socketChannelClass())
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.SO_KEEPALIVE, true);
    }

    public EventLoop loop() {
        return loop;
    }

    /** Applies to connections opened from now on (a configuration reload changes it). */
    public void idleTimeout(Duration idleTimeout) {
        this.idleTimeout = idleTimeout;
    }

    /** An idle, open connection to {@code address} (over TLS or not), or {@code null} when there is none. */
    public TargetConnection poll(InetSocketAddress address, boolean tls) {
        ArrayDeque<TargetConnection> deque = (tls ? idleTls : idle).get(address);
        if (deque == null) {
            return null;
        }
        TargetConnection c;
        while ((c = deque.pollLast()) != null) {
            if (c.channel().isActive()) {
                return c;
            }
        }
        return null;
    }

    /**
     * Opens a new connection; its {@link TargetConnection} is {@code future.channel().pipeline().get(...)}. With
     * {@code tls} the pipeline starts with a TLS engine (no SNI: targets are addresses, and ALB sends none), whose
     * handshake starts once connected and must finish within {@code connectTimeout} too: wait for
     * {@link #ready}.
     */
    public ChannelFuture connect(InetSocketAddress address, Duration connectTimeout, SslContext tls) {
        long idleMillis = idleTimeout.toMillis();
        long timeoutMillis = Math.min(Integer.MAX_VALUE, connectTimeout.toMillis());
        Bootstrap b = bootstrap.clone()
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) timeoutMillis)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        if (tls != null) {
                            // The peer's address and port key the session cache, so reconnections resume.
                            SslHandler engine = tls.newHandler(ch.alloc(), address.getAddress().getHostAddress(),
                                    address.getPort());
                            engine.setHandshakeTimeoutMillis(timeoutMillis);
                            ch.pipeline().addLast(engine);
                        }
                        ch.pipeline().addLast(
                                new IdleTimeoutHandler(idleMillis, TimeUnit.MILLISECONDS),
                                new TargetCodec(MAX_STATUS_LINE_BYTES, MAX_RESPONSE_HEADER_BYTES, MAX_CHUNK_BYTES),
                                new TargetConnection(TargetConnectionPool.this, address, tls != null));
                    }
                });
        return b.connect(address);
    }

    /**
     * When a connected channel can carry a request: at once without TLS, else when its handshake is done. A failed
     * handshake fails the future with {@link TargetTlsException}.
     */
    public static Future<Channel> ready(Channel channel) {
        SslHandler engine = channel.pipeline().get(SslHandler.class);
        if (engine == null) {
            return channel.eventLoop().newSucceededFuture(channel);
        }
        Promise<Channel> ready = channel.eventLoop().newPromise();
        engine.handshakeFuture().addListener(done -> {
            if (done.isSuccess()) {
                ready.setSuccess(channel);
            } else {
                ready.setFailure(new TargetTlsException(done.cause()));
            }
        });
        return ready;
    }

    /** Keeps a clean connection for the next request, or closes it when the pool is full or closed. */
    void offer(TargetConnection c) {
        if (closed || !c.channel().isActive()) {
            c.channel().close();
            return;
        }
        ArrayDeque<TargetConnection> deque = (c.tls() ? idleTls : idle)
                .computeIfAbsent(c.address(), a -> new ArrayDeque<>());
        if (deque.size() >= maxIdlePerTarget) {
            c.channel().close();
            return;
        }
        deque.addLast(c);
    }

    void remove(TargetConnection c) {
        ArrayDeque<TargetConnection> deque = (c.tls() ? idleTls : idle).get(c.address());
        if (deque != null) {
            deque.remove(c);
        }
    }

    /** Closes the idle connections to {@code address}, a target that left its group. Call on the pool's loop. */
    public void closeIdle(InetSocketAddress address) {
        for (Map<InetSocketAddress, ArrayDeque<TargetConnection>> m : List.of(idle, idleTls)) {
            ArrayDeque<TargetConnection> deque = m.remove(address);
            if (deque != null) {
                deque.forEach(c -> c.channel().close());
            }
        }
    }

    /** Number of idle connections held, for metrics and tests. Call on the pool's loop. */
    public int idleCount() {
        return idle.values().stream().mapToInt(ArrayDeque::size).sum()
                + idleTls.values().stream().mapToInt(ArrayDeque::size).sum();
    }

    /** Closes every idle connection; connections released later are closed too. Call on the pool's loop. */
    public void close() {
        closed = true;
        for (Map<InetSocketAddress, ArrayDeque<TargetConnection>> m : List.of(idle, idleTls)) {
            m.values().forEach(d -> d.forEach(c -> c.channel().close()));
            m.clear();
        }
    }

    public Transport transport() {
        return transport;
    }
}
