package dev.fulcrum.tls;

import dev.fulcrum.config.MutualAuthentication;
import dev.fulcrum.core.ClientCertificate;
import dev.fulcrum.core.Ticker;
import dev.fulcrum.core.TlsSession;
import dev.fulcrum.observability.ExchangeLog;
import dev.fulcrum.observability.TlsConnectionRecord;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.ssl.ApplicationProtocolNames;
import io.netty.handler.ssl.CipherSuiteConverter;
import io.netty.handler.ssl.ReferenceCountedOpenSslEngine;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.netty.internal.tcnative.SSL;
import java.net.InetSocketAddress;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.function.Consumer;
import java.util.function.IntSupplier;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The TLS side of one client connection: the certificate its ClientHello got, the handshake's outcome, or that it
 * sent plain HTTP. It sits right after the TLS engine: a completed handshake becomes the {@link TlsSession} the
 * access log writes; either way the handshake is reported ({@link ExchangeLog#tlsConnection}: the connection log's
 * line, and ClientTLSNegotiationErrorCount when it failed). A failed one (no common protocol or cipher, a refused
 * client certificate, a bad record, the handshake timeout) ends the connection without an access-log line, as
 * ALB's access log has none for it.
 */
public final class ClientTls extends ChannelInboundHandlerAdapter {

    private static final Logger log = LoggerFactory.getLogger(ClientTls.class);

    private final ExchangeLog exchangeLog;
    private final long openedMillis;
    private final Clock clock;
    private final Ticker ticker;
    private final IntSupplier listenerPort;
    private final String connTraceId;
    private final Consumer<ChannelPipeline> http2;
    private long helloNanos = -1;
    private ServerTls.Chosen chosen;
    private TlsSession session;
    private boolean plainHttp;
    private boolean failed;

    private ClientTls(ExchangeLog exchangeLog, Clock clock, Ticker ticker, IntSupplier listenerPort,
            String connTraceId, Consumer<ChannelPipeline> http2) {
        this.http2 = http2;
        this.exchangeLog = exchangeLog;
        this.clock = clock;
        this.ticker = ticker;
        this.listenerPort = listenerPort;
        this.connTraceId = connTraceId;
        this.openedMillis = clock.millis();
    }

    /**
     * Adds the TLS handlers of an HTTPS connection at the front of {@code pipeline}; returns its TLS state.
     *
     * @param connTraceId the connection's {@code TID_} id, for the connection log
     * @param http2 turns the pipeline into an HTTP/2 one when ALPN chose {@code h2}, right after the handshake
     */
    public static ClientTls install(ChannelPipeline pipeline, ServerTls tls, ExchangeLog exchangeLog, Clock clock,
            Ticker ticker, IntSupplier listenerPort, String connTraceId, Consumer<ChannelPipeline> http2) {
        ClientTls client = new ClientTls(exchangeLog, clock, ticker, listenerPort, connTraceId, http2);
        pipeline.addFirst(new ClientHelloHandler(tls, client));
        pipeline.addAfter(pipeline.firstContext().name(), "client-tls", client);
        return client;
    }

    /** The handshake's result, {@code null} until it completed. */
    public TlsSession session() {
        return session;
    }

    /** The client sent bytes that are not TLS: plain HTTP to the HTTPS port. */
    public boolean isPlainHttp() {
        return plainHttp;
    }

    void plainHttp() {
        plainHttp = true;
    }

    /** The first bytes of the ClientHello arrived: the handshake's latency counts from here. */
    void helloStarted() {
        if (helloNanos < 0) {
            helloNanos = ticker.nanoTime();
        }
    }

    void chose(ServerTls.Chosen chosen) {
        this.chosen = chosen;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof SslHandshakeCompletionEvent done) {
            if (done.isSuccess()) {
                SslHandler engine = ctx.pipeline().get(SslHandler.class);
                session = session(engine.engine());
                exchangeLog.tlsConnection(record(ctx, session.protocol(), session.cipher(),
                        session.clientCertificate(), TlsConnectionRecord.SUCCESS));
                if (ApplicationProtocolNames.HTTP_2.equals(engine.applicationProtocol())) {
                    http2.accept(ctx.pipeline()); // before the client's first frames are read on
                }
            } else {
                failed(ctx, done.cause());
            }
        }
        ctx.fireUserEventTriggered(evt);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (session == null && (cause instanceof DecoderException || cause instanceof SSLException)) {
            failed(ctx, cause); // the engine's own report of a failed handshake: not the connection's business
            return;
        }
        ctx.fireExceptionCaught(cause);
    }

    private void failed(ChannelHandlerContext ctx, Throwable cause) {
        if (!failed) {
            failed = true;
            exchangeLog.tlsConnection(record(ctx, null, null, null, "Failed:" + failureCode(cause)));
            log.debug("TLS handshake with {} failed: {}", ctx.channel().remoteAddress(), cause.toString());
        }
        ctx.close();
    }

    private TlsConnectionRecord record(ChannelHandlerContext ctx, String protocol, String cipher,
            ClientCertificate leaf, String status) {
        long latency = helloNanos < 0 ? 0 : ticker.nanoTime() - helloNanos;
        return new TlsConnectionRecord(clock.instant(), (InetSocketAddress) ctx.channel().remoteAddress(),
                listenerPort.getAsInt(), protocol, cipher, latency, leaf, status, connTraceId);
    }

    /**
     * ALB's code for a failed handshake: the client certificate's fault when mutual TLS refused it (a certificate
     * required but not sent is {@code ClientCertRejected}), else {@code UnmappedConnectionError} (no common
     * version or cipher, a record that is not TLS, the handshake timeout).
     */
    private String failureCode(Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof ClientCertificateVerifier.Rejected rejected) {
                return rejected.code;
            }
            for (Throwable s : t.getSuppressed()) {
                if (s instanceof ClientCertificateVerifier.Rejected rejected) {
                    return rejected.code;
                }
            }
            String m = String.valueOf(t.getMessage());
            if (chosen != null && chosen.mtls() == MutualAuthentication.Mode.VERIFY
                    && (m.contains("PEER_DID_NOT_RETURN_A_CERTIFICATE") || m.contains("CERTIFICATE_REQUIRED"))) {
                return "ClientCertRejected";
            }
        }
        return "UnmappedConnectionError";
    }

    private TlsSession session(SSLEngine engine) {
        SSLSession s = engine.getSession();
        String cipher = CipherSuiteConverter.toOpenSsl(s.getCipherSuite(), false);
        boolean resumed = engine instanceof ReferenceCountedOpenSslEngine openSsl
                ? SSL.isSessionReused(openSsl.sslPointer())
                : s.getCreationTime() < openedMillis; // the JDK engine: a session older than the connection
        return new TlsSession(s.getProtocol(), cipher == null ? s.getCipherSuite() : cipher, chosen.serverName(),
                resumed ? null : chosen.certificateArn(), chosen.mtls() != MutualAuthentication.Mode.OFF,
                clientCertificate(s, chosen.mtls()));
    }

    private static ClientCertificate clientCertificate(SSLSession s, MutualAuthentication.Mode mode) {
        if (mode == MutualAuthentication.Mode.OFF) {
            return null;
        }
        try {
            Certificate[] peer = s.getPeerCertificates();
            X509Certificate[] chain = new X509Certificate[peer.length];
            for (int i = 0; i < peer.length; i++) {
                chain[i] = (X509Certificate) peer[i];
            }
            return chain.length == 0 ? null : ClientCertificate.of(chain, mode == MutualAuthentication.Mode.VERIFY);
        } catch (SSLPeerUnverifiedException none) {
            return null; // passthrough lets a client without a certificate in
        }
    }
}
