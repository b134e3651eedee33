package dev.fulcrum.listener;

import dev.fulcrum.config.ListenerConfig;
import dev.fulcrum.config.LoadBalancerAttributes;
import dev.fulcrum.tls.ClientTls;
import dev.fulcrum.tls.ServerTls;
import dev.fulcrum.transport.IdleTimeoutHandler;
import dev.fulcrum.transport.Transport;
import dev.fulcrum.proxy.ProxyContext;
import dev.fulcrum.proxy.TraceIds;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * One listener: a bound server socket. A new connection over {@code client_connections.max_per_listener} is closed
 * at once, unread, and counted in RejectedConnectionCount; the others get this pipeline, in order:
 * <ol>
 *   <li>on an HTTPS listener, the TLS engine of the certificate the ClientHello chose and {@link ClientTls}, the
 *       handshake's outcome (see {@link ClientTls#install}); when ALPN chose {@code h2}, the HTTP/1.1 handlers
 *       below give way to {@link Http2Connection}'s</li>
 *   <li>{@link TrafficCounter}: bytes in and out, for the access log</li>
 *   <li>{@link IdleTimeoutHandler}: all-idle after {@code idle_timeout.timeout_seconds}</li>
 *   <li>{@link Http1RequestDecoder}: Fulcrum's reading of the raw head, request line 16 KiB (else 414), headers
 *       64 KiB (else 400), every failure typed;
 *       decodes at most one request ahead of the response being produced</li>
 *   <li>{@link ResponseEncoder}: knows when a response answers HEAD</li>
 *   <li>{@link Http1Connection}: one exchange at a time, the request head's deadline</li>
 * </ol>
 */
public final class ListenerServer {

    private final ListenerConfig config;
    private final ProxyContext context;
    private final EventLoopGroup group;
    private final Transport transport;
    private final ConnectionTracker tracker;
    private final SplittableRandom seeds;
    /** The connection limit when the attributes leave it to the file-descriptor limit (read once). */
    private final int derivedLimit;
    /** The certificates of an HTTPS listener, {@code null} for HTTP; replaced by a reload. */
    private volatile ServerTls tls;
    private Channel serverChannel;
    private volatile InetSocketAddress address;

    /** @param listeners how many listeners the balancer has (they share the descriptors a derived limit counts) */
    public ListenerServer(ListenerConfig config, ProxyContext context, EventLoopGroup group, Transport transport,
            long randomSeed, int listeners, ServerTls tls) {
        this.tls = tls;
        this.derivedLimit = ConnectionLimit.derived(listeners);
        this.config = config;
        this.context = context;
        this.group = group;
        this.transport = transport;
        this.seeds = new SplittableRandom(randomSeed);
        this.tracker = new ConnectionTracker(context.log());
    }

    /** Binds the listener; returns the bound address (the real port when the config says 0). */
    public InetSocketAddress bind() throws InterruptedException {
        ServerBootstrap b = new ServerBootstrap()
                .group(group)
                .channel(transport.serverChannelClass())
                .option(ChannelOption.SO_BACKLOG, 4096)
                .option(ChannelOption.SO_REUSEADDR, true)
                // No SO_KEEPALIVE on client sockets: the idle timeout (at most 4000 s) ends a dead connection
                // long before TCP's two-hour probes would, and the option is one more system call per connection.
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        LoadBalancerAttributes attributes = context.state().attributes();
                        if (!tracker.admit(ConnectionLimit.of(attributes, derivedLimit))) {
                            ch.close();
                            return;
                        }
                        ch.closeFuture().addListener(closed -> tracker.release());
                        Duration idle = attributes.idleTimeout();
                        TrafficCounter counter = new TrafficCounter();
                        Http1RequestDecoder decoder = new Http1RequestDecoder();
                        ResponseEncoder encoder = new ResponseEncoder();
                        ServerTls serverTls = tls;
                        String connTraceId = TraceIds.newConnectionTraceId(nextRandom());
                        ClientTls clientTls = serverTls == null ? null : ClientTls.install(ch.pipeline(), serverTls,
                                context.log(), context.clock(), context.ticker(), context::listenerPort, connTraceId,
                                p -> Http2Connection.install(p, p.get(Http1Connection.class), context, tracker,
                                        connTraceId, p.get(ClientTls.class)));
                        ch.pipeline().addLast(
                                counter,
                                new IdleTimeoutHandler(idle.toMillis(), TimeUnit.MILLISECONDS),
                                decoder,
                                encoder,
                                new Http1Connection(context, counter, decoder, encoder, tracker, connTraceId,
                                        clientTls));
                    }
                });
        serverChannel = b.bind(config.address(), config.port()).sync().channel();
        InetSocketAddress bound = (InetSocketAddress) serverChannel.localAddress();
        context.listenerPort(bound.getPort());
        address = bound;
        return bound;
    }

    /** The bound address (the real port when the config says 0), or {@code null} before {@link #bind()}. */
    public InetSocketAddress address() {
        return address;
    }

    private synchronized SplittableRandom nextRandom() {
        return seeds.split(); // accept happens on several loops; the split itself is the only shared step
    }

    /** The certificates of an HTTPS listener, {@code null} for HTTP. */
    public ServerTls tls() {
        return tls;
    }

    /** New connections get these certificates (or none: plain HTTP); open ones keep what they have. */
    public void tls(ServerTls tls) {
        this.tls = tls;
    }

    public ProxyContext context() {
        return context;
    }

    public ListenerConfig config() {
        return config;
    }

    /** Stops accepting new connections; open ones continue. */
    public void stopAccepting() {
        if (serverChannel != null) {
            serverChannel.close().syncUninterruptibly();
        }
    }

    /** Asks every open connection to finish its current exchange and close. */
    public void drain() {
        tracker.shutdownAll();
    }

    public int openConnections() {
        return tracker.size();
    }

    public void closeConnections() {
        tracker.closeAll();
    }
}
