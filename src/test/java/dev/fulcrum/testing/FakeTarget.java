package dev.fulcrum.testing;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslProvider;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpChunkedInput;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.stream.ChunkedInput;
import io.netty.handler.stream.ChunkedWriteHandler;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A programmable HTTP target on 127.0.0.1 and an ephemeral port. It records every request it receives (headers
 * and the first 64 KiB of the body, and the full body size), counts connections, and answers as its
 * {@link Behavior} says. Bodies are streamed, never aggregated, so gigabytes can pass.
 */
public final class FakeTarget implements AutoCloseable {

    /** A request as the target received it. */
    public record Received(String method, String uri, String protocol, HttpHeaders headers, long bodyBytes,
            String body) {
        public String header(String name) {
            return headers.get(name);
        }
    }

    /** How the target answers a fully received request. */
    @FunctionalInterface
    public interface Behavior {
        void respond(Received request, ChannelHandlerContext ctx);
    }

    private static final int BODY_KEPT = 64 * 1024;

    private final String name;
    private final EventLoopGroup group;
    private final Channel server;
    private final BlockingQueue<Received> received = new LinkedBlockingQueue<>();
    private final AtomicInteger connections = new AtomicInteger();
    private final AtomicInteger inFlight = new AtomicInteger();
    private volatile Behavior behavior;
    /** The TLS versions of the handshakes done so far, for a TLS target. */
    private final BlockingQueue<String> handshakes = new LinkedBlockingQueue<>();

    private FakeTarget(String name) throws InterruptedException {
        this(name, null);
    }

    private FakeTarget(String name, SslContext tls) throws InterruptedException {
        this.name = name;
        this.behavior = text(200, name);
        this.group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        this.server = new ServerBootstrap()
                .group(group)
                .channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        connections.incrementAndGet();
                        if (tls != null) {
                            SslHandler engine = tls.newHandler(ch.alloc());
                            engine.handshakeFuture().addListener(done -> {
                                if (done.isSuccess()) {
                                    handshakes.add(engine.engine().getSession().getProtocol());
                                }
                            });
                            ch.pipeline().addLast(engine);
                        }
                        // Headers as large as a balancer passes on (64 KiB), not Netty's 8 KiB default
                        ch.pipeline().addLast(new HttpServerCodec(4096, 64 * 1024, 8192), new ChunkedWriteHandler(),
                                new Recorder());
                    }
                })
                .bind("127.0.0.1", 0).sync().channel();
    }

    /** A target that answers 200 with its name as the body. */
    public static FakeTarget start(String name) {
        try {
            return new FakeTarget(name);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A target that speaks HTTPS with {@code certificate} (any version and cipher BoringSSL has). */
    public static FakeTarget startTls(String name, TestCertificates.Issued certificate) {
        try {
            SslContext tls = SslContextBuilder.forServer(certificate.key(), certificate.certificate())
                    .sslProvider(SslProvider.OPENSSL).protocols("TLSv1.3", "TLSv1.2", "TLSv1.1", "TLSv1").build();
            return new FakeTarget(name, tls);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (javax.net.ssl.SSLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The TLS versions of the handshakes this (TLS) target completed, in order. */
    public List<String> handshakes() {
        return List.copyOf(handshakes);
    }

    public FakeTarget behave(Behavior behavior) {
        this.behavior = behavior;
        return this;
    }

    public String name() {
        return name;
    }

    public int port() {
        return ((InetSocketAddress) server.localAddress()).getPort();
    }

    /** Connections the target accepted so far. */
    public int connections() {
        return connections.get();
    }

    /** Requests received and not yet answered (for a {@link #delayed} behaviour). */
    public int inFlight() {
        return inFlight.get();
    }

    /** Takes the next received request, waiting up to 10 s. */
    public Received take() {
        try {
            Received r = received.poll(10, TimeUnit.SECONDS);
            if (r == null) {
                throw new AssertionError(name + " received no request within 10 s");
            }
            return r;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    public int receivedCount() {
        return received.size();
    }

    @Override
    public void close() {
        server.close().syncUninterruptibly();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    // ------------------------------------------------------------------------------------------------------------
    // Behaviours

    /** Answers {@code status} with {@code body} (text/plain, Content-Length, keep-alive as the request asks). */
    public static Behavior text(int status, String body) {
        return (req, ctx) -> {
            ByteBuf content = Unpooled.copiedBuffer(body, StandardCharsets.UTF_8);
            FullHttpResponse res = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                    HttpResponseStatus.valueOf(status), content);
            res.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/plain");
            HttpUtil.setContentLength(res, content.readableBytes());
            ctx.writeAndFlush(res);
        };
    }

    /** Answers 200 with a chunked body made of {@code parts}. */
    public static Behavior chunked(List<String> parts) {
        return (req, ctx) -> {
            HttpResponse res = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
            HttpUtil.setTransferEncodingChunked(res, true);
            ctx.write(res);
            for (String p : parts) {
                ctx.write(new DefaultHttpContent(Unpooled.copiedBuffer(p, StandardCharsets.UTF_8)));
            }
            ctx.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT);
        };
    }

    /** Answers 200 with {@code bytes} zero bytes, written as the connection can take them. */
    public static Behavior download(long bytes) {
        return (req, ctx) -> {
            HttpResponse res = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
            HttpUtil.setContentLength(res, bytes);
            res.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/octet-stream");
            ctx.write(res);
            ctx.writeAndFlush(new HttpChunkedInput(new ZeroInput(bytes)));
        };
    }

    /** Answers as {@code then} after {@code delay}, without blocking the target's loop. */
    public static Behavior delayed(Duration delay, Behavior then) {
        return (req, ctx) -> ctx.executor().schedule(() -> then.respond(req, ctx), delay.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    /**
     * Answers as {@code then} once {@code release} completes, without blocking the target's loop: a test that needs
     * a request in flight keeps it there for as long as it looks, where a delay would end on its own.
     */
    public static Behavior heldUntil(CompletionStage<?> release, Behavior then) {
        return (req, ctx) -> release.thenRun(() -> ctx.executor().execute(() -> then.respond(req, ctx)));
    }

    // ------------------------------------------------------------------------------------------------------------

    private final class Recorder extends ChannelInboundHandlerAdapter {
        private HttpRequest head;
        private long bodyBytes;
        private StringBuilder body;

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            try {
                if (msg instanceof HttpRequest r) {
                    head = r;
                    bodyBytes = 0;
                    body = new StringBuilder();
                    inFlight.incrementAndGet();
                }
                if (msg instanceof HttpContent c) {
                    int n = c.content().readableBytes();
                    bodyBytes += n;
                    if (body.length() < BODY_KEPT) {
                        body.append(c.content().toString(StandardCharsets.ISO_8859_1), 0,
                                Math.min(n, BODY_KEPT - body.length()));
                    }
                    if (c instanceof LastHttpContent) {
                        Received rec = new Received(head.method().name(), head.uri(), head.protocolVersion().text(),
                                new DefaultHttpHeaders().add(head.headers()), bodyBytes, body.toString());
                        received.add(rec);
                        Behavior b = behavior;
                        ctx.executor().execute(() -> {
                            inFlight.decrementAndGet();
                            b.respond(rec, ctx);
                        });
                    }
                }
            } finally {
                io.netty.util.ReferenceCountUtil.release(msg);
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }

    /** Zero bytes in 64 KiB chunks, produced only as fast as the channel takes them. */
    private static final class ZeroInput implements ChunkedInput<ByteBuf> {
        private final long length;
        private long produced;

        ZeroInput(long length) {
            this.length = length;
        }

        @Override
        public boolean isEndOfInput() {
            return produced >= length;
        }

        @Override
        public void close() {
        }

        @Deprecated
        @Override
        public ByteBuf readChunk(ChannelHandlerContext ctx) {
            return readChunk(ctx.alloc());
        }

        @Override
        public ByteBuf readChunk(ByteBufAllocator allocator) {
            if (isEndOfInput()) {
                return null;
            }
            int n = (int) Math.min(64 * 1024, length - produced);
            produced += n;
            return allocator.buffer(n).writeZero(n);
        }

        @Override
        public long length() {
            return length;
        }

        @Override
        public long progress() {
            return produced;
        }
    }
}
