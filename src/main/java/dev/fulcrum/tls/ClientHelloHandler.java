package dev.fulcrum.tls;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.ssl.SslClientHelloHandler;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.concurrent.Future;
import java.util.List;

/**
 * The first handler of an HTTPS connection. It waits for the ClientHello, chooses the certificate for it and puts
 * a TLS engine of that certificate in its own place. Bytes that do not start a TLS record are plain HTTP sent to
 * the HTTPS port: it steps aside and tells {@link ClientTls}, and the connection answers the request 400.
 */
final class ClientHelloHandler extends SslClientHelloHandler<ServerTls.Chosen> {

    /** ALB's bound on a client's handshake is not published; Netty's default, the same as towards targets. */
    static final long HANDSHAKE_TIMEOUT_MILLIS = 10_000;
    /** A ClientHello is a few hundred bytes; post-quantum key shares add about 1.2 KiB. 16 KiB is ample. */
    private static final int MAX_CLIENT_HELLO = 16 * 1024;

    private final ServerTls tls;
    private final ClientTls client;

    ClientHelloHandler(ServerTls tls, ClientTls client) {
        super(MAX_CLIENT_HELLO);
        this.tls = tls;
        this.client = client;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) throws Exception {
        client.helloStarted();
        if (in.isReadable() && !startsTlsRecord(in.getUnsignedByte(in.readerIndex()))) {
            client.plainHttp();
            ctx.pipeline().remove(this); // what was read goes on to the HTTP decoder
            return;
        }
        super.decode(ctx, in, out);
    }

    /** A TLS record's content type (change_cipher_spec, alert, handshake, application_data) or SSLv2's hello. */
    private static boolean startsTlsRecord(int first) {
        return first >= 0x14 && first <= 0x17 || (first & 0x80) != 0;
    }

    @Override
    protected Future<ServerTls.Chosen> lookup(ChannelHandlerContext ctx, ByteBuf clientHello) {
        return ctx.executor().newSucceededFuture(tls.choose(ClientHello.parse(clientHello)));
    }

    @Override
    protected void onLookupComplete(ChannelHandlerContext ctx, Future<ServerTls.Chosen> future) {
        ServerTls.Chosen chosen = future.getNow();
        client.chose(chosen);
        SslHandler engine = chosen.context().newHandler(ctx.alloc());
        engine.setHandshakeTimeoutMillis(HANDSHAKE_TIMEOUT_MILLIS);
        ctx.pipeline().replace(this, "tls", engine);
    }
}
