package dev.fulcrum.admin;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.timeout.ReadTimeoutException;
import io.netty.handler.timeout.ReadTimeoutHandler;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The admin HTTP server on {@code admin.listen}: a path table of {@link AdminResource}s, served on its own event
 * loop so that nothing here can slow the data path. {@code GET /} lists the resources.
 */
public final class AdminServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(AdminServer.class);
    private static final int MAX_REQUEST_BYTES = 1024 * 1024;
    /** A connection that sends nothing for this long is closed (scrapers reconnect; idle sockets do not pile up). */
    static final Duration IDLE_TIMEOUT = Duration.ofSeconds(60);

    private final Map<String, AdminResource> resources = new LinkedHashMap<>();
    private final Channel channel;

    private AdminServer(List<AdminResource> list, EventLoopGroup group,
            Class<? extends io.netty.channel.ServerChannel> channelClass, String host, int port, Duration idle)
            throws InterruptedException {
        list.forEach(r -> resources.put(r.path(), r));
        this.channel = new ServerBootstrap()
                .group(group)
                .channel(channelClass)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new ReadTimeoutHandler(idle.toMillis(), TimeUnit.MILLISECONDS),
                                new HttpServerCodec(), new HttpObjectAggregator(MAX_REQUEST_BYTES), new Dispatcher());
                    }
                })
                .bind(host, port).sync().channel();
        log.info("Admin endpoint on http://{}", addressText());
    }

    /** Binds the admin server on {@code host:port} ({@code 0} = any free port) with these resources. */
    public static AdminServer start(List<AdminResource> resources, EventLoopGroup group,
            Class<? extends io.netty.channel.ServerChannel> channelClass, String host, int port)
            throws InterruptedException {
        return start(resources, group, channelClass, host, port, IDLE_TIMEOUT);
    }

    /** As {@link #start(List, EventLoopGroup, Class, String, int)}, closing connections idle for {@code idle}. */
    static AdminServer start(List<AdminResource> resources, EventLoopGroup group,
            Class<? extends io.netty.channel.ServerChannel> channelClass, String host, int port, Duration idle)
            throws InterruptedException {
        return new AdminServer(resources, group, channelClass, host, port, idle);
    }

    public InetSocketAddress address() {
        return (InetSocketAddress) channel.localAddress();
    }

    private String addressText() {
        InetSocketAddress a = address();
        String host = a.getAddress().getHostAddress();
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + a.getPort();
    }

    @Override
    public void close() {
        channel.close().syncUninterruptibly();
    }

    private final class Dispatcher extends SimpleChannelInboundHandler<FullHttpRequest> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
            if (request.decoderResult().isFailure()) {
                FullHttpResponse bad = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                        HttpResponseStatus.BAD_REQUEST, Unpooled.copiedBuffer("malformed request\n",
                                java.nio.charset.StandardCharsets.US_ASCII));
                bad.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/plain; charset=utf-8");
                HttpUtil.setContentLength(bad, bad.content().readableBytes());
                HttpUtil.setKeepAlive(bad, false);
                ctx.writeAndFlush(bad).addListener(ChannelFutureListener.CLOSE); // the stream is out of sync
                return;
            }
            String path;
            AdminResponse response;
            try {
                QueryStringDecoder uri = new QueryStringDecoder(request.uri());
                path = uri.path();
                uri.parameters(); // a resource reads them: bad percent-encoding is the client's error, here
            } catch (IllegalArgumentException e) {
                path = null;
            }
            AdminResource resource = path == null ? null : resources.get(path);
            if (path == null) {
                response = AdminResponse.error(400, "malformed URI: " + request.uri());
            } else if (path.equals("/") && resource == null) {
                response = AdminResponse.text(200, "text/plain; charset=utf-8",
                        "Fulcrum admin endpoint. Resources:\n  " + String.join("\n  ", resources.keySet()) + "\n");
            } else if (resource == null) {
                response = AdminResponse.error(404, "no admin resource at " + path);
            } else {
                try {
                    response = resource.handle(request);
                } catch (Exception e) {
                    log.warn("Admin resource {} failed", path, e);
                    response = AdminResponse.error(500, e.getClass().getSimpleName() + ": " + e.getMessage());
                }
            }
            FullHttpResponse out = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                    HttpResponseStatus.valueOf(response.status()), Unpooled.wrappedBuffer(response.body()));
            out.headers().set(HttpHeaderNames.CONTENT_TYPE, response.contentType());
            HttpUtil.setContentLength(out, response.body().length);
            boolean keepAlive = HttpUtil.isKeepAlive(request);
            HttpUtil.setKeepAlive(out, keepAlive);
            var f = ctx.writeAndFlush(out);
            if (!keepAlive) {
                f.addListener(ChannelFutureListener.CLOSE);
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            if (!(cause instanceof ReadTimeoutException)) {
                log.debug("Admin connection {} failed", ctx.channel().remoteAddress(), cause);
            }
            ctx.close(); // idle, reset, or a request the codec could not take: the client reconnects
        }
    }
}
