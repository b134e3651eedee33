package dev.fulcrum.lab;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
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
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * A small well-behaved HTTP target that answers every request with its own name and what it received, so a
 * user sees which target served them and which headers the load balancer added.
 */
public final class DemoTarget implements AutoCloseable {

    private final String name;
    private final Channel channel;

    private DemoTarget(String name, Channel channel) {
        this.name = name;
        this.channel = channel;
    }

    /** Starts a target named {@code name} on 127.0.0.1 and an ephemeral port, on {@code group}. */
    public static DemoTarget start(String name, EventLoopGroup group, Class<? extends io.netty.channel.ServerChannel>
            channelClass) throws InterruptedException {
        Channel ch = new ServerBootstrap()
                .group(group)
                .channel(channelClass)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel c) {
                        c.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(1 << 20),
                                new Responder(name));
                    }
                })
                .bind("127.0.0.1", 0).sync().channel();
        return new DemoTarget(name, ch);
    }

    public String name() {
        return name;
    }

    public int port() {
        return ((InetSocketAddress) channel.localAddress()).getPort();
    }

    @Override
    public void close() {
        channel.close().syncUninterruptibly();
    }

    private static final class Responder extends SimpleChannelInboundHandler<FullHttpRequest> {
        private final String name;

        Responder(String name) {
            this.name = name;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest req) {
            StringBuilder text = new StringBuilder()
                    .append("Hello from ").append(name).append('\n')
                    .append(req.method()).append(' ').append(req.uri()).append('\n');
            for (String h : new String[] {"Host", "X-Forwarded-For", "X-Forwarded-Proto", "X-Forwarded-Port",
                    "X-Amzn-Trace-Id"}) {
                String v = req.headers().get(h);
                if (v != null) {
                    text.append(h).append(": ").append(v).append('\n');
                }
            }
            ByteBuf body = Unpooled.copiedBuffer(text, StandardCharsets.UTF_8);
            FullHttpResponse res = new DefaultFullHttpResponse(req.protocolVersion(), HttpResponseStatus.OK, body);
            res.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/plain; charset=utf-8");
            res.headers().set("X-Target", name);
            HttpUtil.setContentLength(res, body.readableBytes());
            boolean keepAlive = HttpUtil.isKeepAlive(req);
            HttpUtil.setKeepAlive(res, keepAlive);
            var f = ctx.writeAndFlush(res);
            if (!keepAlive) {
                f.addListener(ChannelFutureListener.CLOSE);
            }
        }
    }
}
