package dev.fulcrum.lab;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http2.DefaultHttp2Headers;
import io.netty.handler.codec.http2.DefaultHttp2HeadersFrame;
import io.netty.handler.codec.http2.Http2DataFrame;
import io.netty.handler.codec.http2.Http2FrameCodecBuilder;
import io.netty.handler.codec.http2.Http2HeadersFrame;
import io.netty.handler.codec.http2.Http2MultiplexHandler;
import io.netty.handler.codec.http2.Http2ResetFrame;
import io.netty.handler.codec.http2.Http2Settings;
import io.netty.handler.codec.http2.Http2StreamChannel;
import io.netty.handler.codec.http2.Http2StreamChannelBootstrap;
import io.netty.handler.codec.http2.Http2StreamFrame;
import io.netty.handler.ssl.ApplicationProtocolConfig;
import io.netty.handler.ssl.ApplicationProtocolNames;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslProvider;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * An HTTP/2 client for the lab and the tests that opens streams one by one and can reset them (RST_STREAM), which
 * the JDK's client cannot be made to do on purpose. One connection (TLS with ALPN h2) per client, any certificate
 * taken (as curl -k).
 */
public final class H2Client implements AutoCloseable {


    /**
     * One stream: its status once the response head came (-1 when it ended without one), the code of a reset the
     * server sent, and the stream to reset.
     */
    public record Stream(Http2StreamChannel channel, CompletableFuture<Integer> status,
            CompletableFuture<Long> resetCode) {

        /** Resets the stream (RST_STREAM CANCEL), as a browser does when a tab is closed mid-request. */
        public void reset() {
            channel.close().syncUninterruptibly();
        }
    }

    private final EventLoopGroup group;
    private final Channel connection;

    private H2Client(EventLoopGroup group, Channel connection) {
        this.group = group;
        this.connection = connection;
    }

    public static H2Client connect(int port) {
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, r -> {
            Thread t = new Thread(r, "h2-client");
            t.setDaemon(true);
            return t;
        }, NioIoHandler.newFactory());
        try {
            SslContext tls = SslContextBuilder.forClient().sslProvider(SslProvider.OPENSSL)
                    .trustManager(InsecureTrustManagerFactory.INSTANCE)
                    .applicationProtocolConfig(new ApplicationProtocolConfig(ApplicationProtocolConfig.Protocol.ALPN,
                            ApplicationProtocolConfig.SelectorFailureBehavior.NO_ADVERTISE,
                            ApplicationProtocolConfig.SelectedListenerFailureBehavior.ACCEPT,
                            ApplicationProtocolNames.HTTP_2)).build();
            Channel ch = new Bootstrap().group(group).channel(NioSocketChannel.class)
                    .handler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel c) {
                            c.pipeline().addLast(tls.newHandler(c.alloc()), Http2FrameCodecBuilder.forClient()
                                    .initialSettings(Http2Settings.defaultSettings().maxHeaderListSize(64 * 1024))
                                    .build(),
                                    new Http2MultiplexHandler(new SimpleChannelInboundHandler<Object>() {
                                        @Override
                                        protected void channelRead0(ChannelHandlerContext ctx, Object msg) {
                                        }
                                    }));
                        }
                    }).connect("127.0.0.1", port).syncUninterruptibly().channel();
            ch.pipeline().get(SslHandler.class).handshakeFuture().get(10, TimeUnit.SECONDS);
            return new H2Client(group, ch);
        } catch (Exception e) {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            throw new IllegalStateException(e);
        }
    }

    /**
     * Opens a stream with a GET of {@code path} (END_STREAM on its headers), with {@code headers} (name, value...);
     * a {@code null} path leaves out {@code :path} (a malformed request).
     */
    public Stream get(String path, String... headers) {
        CompletableFuture<Integer> status = new CompletableFuture<>();
        CompletableFuture<Long> resetCode = new CompletableFuture<>();
        Http2StreamChannel stream = new Http2StreamChannelBootstrap(connection)
                .handler(new SimpleChannelInboundHandler<Http2StreamFrame>() {
                    @Override
                    protected void channelRead0(ChannelHandlerContext ctx, Http2StreamFrame frame) {
                        if (frame instanceof Http2HeadersFrame headers && headers.headers().status() != null) {
                            status.complete(Integer.parseInt(headers.headers().status().toString()));
                        } else if (frame instanceof Http2DataFrame) {
                            // the body: not needed
                        }
                    }

                    @Override
                    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
                        if (event instanceof Http2ResetFrame reset) {
                            resetCode.complete(reset.errorCode());
                        }
                        ctx.fireUserEventTriggered(event);
                    }

                    @Override
                    public void channelInactive(ChannelHandlerContext ctx) {
                        status.complete(-1);
                        resetCode.complete(-1L);
                    }
                }).open().syncUninterruptibly().getNow();
        DefaultHttp2Headers head = new DefaultHttp2Headers();
        head.method("GET").scheme("https").authority("lab.example");
        if (path != null) {
            head.path(path);
        }
        for (int i = 0; i + 1 < headers.length; i += 2) {
            head.add(headers[i], headers[i + 1]);
        }
        stream.writeAndFlush(new DefaultHttp2HeadersFrame(head, true));
        return new Stream(stream, status, resetCode);
    }

    /** Whether the connection is still open (the server may have sent GOAWAY and closed it). */
    public boolean isOpen() {
        return connection.isActive();
    }

    @Override
    public void close() {
        if (group.isShuttingDown()) {
            return; // closed already
        }
        connection.close().syncUninterruptibly();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
