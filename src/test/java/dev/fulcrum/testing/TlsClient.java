package dev.fulcrum.testing;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.ssl.CipherSuiteConverter;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslProvider;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSession;

/**
 * A TLS client for tests, on BoringSSL so that it speaks every version and cipher of ALB's policies (the JDK's client
 * refuses TLS 1.0 and 1.1): one connection per {@link #exchange}, the handshake's outcome and what the server sent
 * until it closed. The same client resumes sessions with the same server.
 */
public final class TlsClient {

    private static final EventLoopGroup GROUP = new MultiThreadIoEventLoopGroup(1, r -> {
        Thread t = new Thread(r, "test-tls-client");
        t.setDaemon(true);
        return t;
    }, NioIoHandler.newFactory());

    /** A handshake's outcome and the bytes the server sent until it closed. */
    public record Result(Throwable failure, String protocol, String cipher, X509Certificate peer, String response) {

        public boolean handshook() {
            return failure == null;
        }

        /** OpenSSL's name of the cipher (IANA's for TLS 1.3), as the access log writes it. */
        public String openSslCipher() {
            String name = CipherSuiteConverter.toOpenSsl(cipher, false);
            return name == null ? cipher : name;
        }

        public List<String> peerNames() {
            try {
                return peer.getSubjectAlternativeNames().stream().map(n -> String.valueOf(n.get(1))).toList();
            } catch (Exception e) {
                return List.of();
            }
        }
    }

    private final SslContext context;

    private TlsClient(SslContext context) {
        this.context = context;
    }

    /** A client of the given versions and ciphers (OpenSSL names); {@code null} for BoringSSL's defaults. */
    public static TlsClient of(List<String> protocols, List<String> ciphers) {
        return of(protocols, ciphers, null);
    }

    /** A client that presents {@code certificate} (its chain as issued) when the server asks for one. */
    public static TlsClient withCertificate(TestCertificates.Issued certificate) {
        return of(null, null, certificate);
    }

    private static TlsClient of(List<String> protocols, List<String> ciphers, TestCertificates.Issued certificate) {
        try {
            SslContextBuilder b = SslContextBuilder.forClient().sslProvider(SslProvider.OPENSSL)
                    .trustManager(InsecureTrustManagerFactory.INSTANCE);
            if (certificate != null) {
                b.keyManager(certificate.key(), certificate.chain().toArray(X509Certificate[]::new));
            }
            if (protocols != null) {
                b.protocols(protocols);
            }
            if (ciphers != null) {
                b.ciphers(ciphers);
            }
            return new TlsClient(b.build());
        } catch (SSLException e) {
            throw new IllegalStateException(e);
        }
    }

    public static TlsClient of() {
        return of(null, null);
    }

    /** Connects, hand-shakes asking for {@code serverName} (none when {@code null}), sends {@code request}. */
    public Result exchange(int port, String serverName, String request) {
        CompletableFuture<Result> result = new CompletableFuture<>();
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        AtomicReference<SslHandler> engine = new AtomicReference<>();
        Channel channel = new Bootstrap().group(GROUP).channel(NioSocketChannel.class)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        SslHandler ssl = serverName == null ? context.newHandler(ch.alloc())
                                : context.newHandler(ch.alloc(), serverName, port);
                        engine.set(ssl);
                        ch.pipeline().addLast(ssl, new SimpleChannelInboundHandler<ByteBuf>() {
                            @Override
                            protected void channelRead0(ChannelHandlerContext ctx, ByteBuf msg) {
                                byte[] bytes = new byte[msg.readableBytes()];
                                msg.readBytes(bytes);
                                synchronized (received) {
                                    received.writeBytes(bytes);
                                }
                            }

                            @Override
                            public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
                                ctx.close();
                            }
                        });
                    }
                }).connect("127.0.0.1", port).syncUninterruptibly().channel();
        SslHandler ssl = engine.get(); // the pipeline may have lost it already: a refusal can be that quick
        ssl.handshakeFuture().addListener(done -> {
            if (!done.isSuccess()) {
                result.complete(new Result(done.cause(), null, null, null, null));
                return;
            }
            SSLSession s = ssl.engine().getSession();
            X509Certificate peer = (X509Certificate) s.getPeerCertificates()[0];
            if (request != null) {
                channel.writeAndFlush(Unpooled.copiedBuffer(request, StandardCharsets.ISO_8859_1));
            }
            channel.closeFuture().addListener(closed -> {
                synchronized (received) {
                    result.complete(new Result(null, s.getProtocol(), s.getCipherSuite(), peer,
                            received.toString(StandardCharsets.ISO_8859_1)));
                }
            });
            if (request == null) {
                channel.close();
            }
        });
        try {
            return result.get(20, TimeUnit.SECONDS);
        } catch (Exception e) {
            channel.close();
            throw new IllegalStateException("no TLS result within 20 s", e);
        }
    }

    /**
     * A JDK TLS socket to {@code port}, hand-shaken, asking for {@code serverName}, trusting any certificate: for a
     * keep-alive connection ({@code RawHttpClient.over}).
     */
    public static SSLSocket socket(int port, String serverName) {
        try {
            SSLContext tls = SSLContext.getInstance("TLS");
            tls.init(null, InsecureTrustManagerFactory.INSTANCE.getTrustManagers(), null);
            SSLSocket socket = (SSLSocket) tls.getSocketFactory().createSocket("127.0.0.1", port);
            SSLParameters parameters = socket.getSSLParameters();
            parameters.setServerNames(List.of(new SNIHostName(serverName)));
            socket.setSSLParameters(parameters);
            socket.startHandshake();
            return socket;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A GET of {@code path} with {@code Connection: close}, for {@link #exchange}. */
    public static String get(String host, String path) {
        return "GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n";
    }
}
