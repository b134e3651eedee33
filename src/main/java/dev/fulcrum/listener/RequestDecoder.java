package dev.fulcrum.listener;

import dev.fulcrum.core.LbError;
import dev.fulcrum.core.LbException;
import dev.fulcrum.proxy.RequestChecks;
import dev.fulcrum.transport.TypedFailures;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.DecoderResultProvider;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.ContentLengthNotAllowedException;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpRequestDecoder;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.netty.handler.codec.http.TransferEncodingNotAllowedException;
import java.util.List;

/**
 * Netty's request decoder with two additions.
 * <ul>
 *   <li><b>Typed failures</b>: every failed decoder result it emits carries an {@link LbException} with the
 *       request's outcome, decided here once (by the failure's type, and for Netty's untyped framing failures by the
 *       headers themselves: {@link RequestChecks#framingError}); nothing downstream reads exception text.</li>
 *   <li><b>Decoding no further ahead than the response</b>: {@link Http1Connection} turns single-decode mode on
 *       while a request waits for its response, so pipelined requests stay bytes (bounded by one read) instead of
 *       piling up as decoded messages.</li>
 * </ul>
 */
final class RequestDecoder extends HttpRequestDecoder {

    RequestDecoder(HttpDecoderConfig config) {
        super(config);
    }

    /** True when bytes of further requests wait in the decoder's buffer. */
    boolean hasBufferedBytes() {
        ByteBuf b = internalBuffer();
        return b != null && b.isReadable();
    }

    /** The request that stands in when not even a request line could be read (logged as {@code "- - -"}). */
    static final class UnreadableRequest extends DefaultHttpRequest {
        UnreadableRequest() {
            super(HttpVersion.HTTP_1_0, HttpMethod.GET, "/");
        }
    }

    @Override
    protected HttpMessage createInvalidMessage() {
        return new UnreadableRequest();
    }

    /**
     * A version this listener does not speak ({@code HTTP/2.0}, {@code HTTP/2}, {@code HTTP/3.0}) is 505; a token
     * that is no version at all ({@code HTTP/1.1 HTTP/1.1}, what follows a space inside the URI, {@code FOO/1.1}) makes
     * the request line malformed (400). HTTP/1.2 and the like parse here and get their 505 from the checks.
     */
    @Override
    protected HttpMessage createMessage(String[] initialLine) throws Exception {
        String version = initialLine[2];
        if (!RequestChecks.isVersionToken(version)) {
            throw new LbException(LbError.REQUEST_MALFORMED, "not an HTTP version: " + version);
        }
        if (!RequestChecks.isSingleDigitVersion(version)) {
            throw new LbException(LbError.HTTP_VERSION_NOT_SUPPORTED, "HTTP version " + version);
        }
        return super.createMessage(initialLine);
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf buffer, List<Object> out) throws Exception {
        int before = out.size();
        super.decode(ctx, buffer, out);
        TypedFailures.type(out, before, RequestDecoder::outcomeOf);
    }

    @Override
    protected void decodeLast(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) throws Exception {
        int before = out.size();
        super.decodeLast(ctx, in, out);
        TypedFailures.type(out, before, RequestDecoder::outcomeOf);
    }

    /**
     * The outcome of a request the decoder could not read. Netty says what failed by type for the limits and for
     * Content-Length with Transfer-Encoding; its other framing failures are plain IllegalArgumentExceptions, so the
     * headers it had read say which rule was broken.
     */
    static LbError outcomeOf(Throwable cause, DecoderResultProvider failed) {
        if (cause instanceof TooLongHttpLineException) {
            return LbError.REQUEST_LINE_TOO_LONG;
        }
        if (cause instanceof TooLongFrameException) {
            return LbError.REQUEST_HEADERS_TOO_LARGE;
        }
        if (cause instanceof ContentLengthNotAllowedException) {
            return LbError.INVALID_CONTENT_LENGTH; // Content-Length next to Transfer-Encoding
        }
        if (cause instanceof TransferEncodingNotAllowedException) {
            return LbError.REQUEST_MALFORMED; // Transfer-Encoding on HTTP/1.0
        }
        LbError framing = failed instanceof HttpRequest r ? RequestChecks.framingError(r.headers()) : null;
        return framing != null ? framing : LbError.REQUEST_MALFORMED;
    }
}
