package dev.fulcrum.pool;

import dev.fulcrum.core.LbError;
import dev.fulcrum.core.LbException;
import dev.fulcrum.transport.TypedFailures;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.CombinedChannelDuplexHandler;
import io.netty.handler.codec.PrematureChannelClosureException;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpRequestEncoder;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseDecoder;
import io.netty.util.AsciiString;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.List;

/**
 * The HTTP/1.1 codec of a target connection: Netty's request encoder and response decoder, paired as
 * {@code HttpClientCodec} pairs them (each response knows its request's method, so a response to HEAD has no
 * body), with these differences:
 * <ul>
 *   <li>a response header whose name has whitespace inside it ({@code Bad Name: x}) fails the response as
 *       malformed. Netty's response decoder would cut such a name at the space and forward {@code Bad: x}; ALB
 *       answers 502 to a target that sends an invalid header, and so does Fulcrum. Likewise a status code that is
 *       not three digits from 100 to 599;</li>
 *   <li>every failed decoder result carries an {@link LbException} with its outcome (malformed, headers too large,
 *       closed before the end), decided here once, by the failure's type.</li>
 * </ul>
 */
public final class TargetCodec extends CombinedChannelDuplexHandler<HttpResponseDecoder, HttpRequestEncoder> {

    /** Methods of the requests sent whose final responses have not arrived yet, oldest first. */
    private final ArrayDeque<HttpMethod> methods = new ArrayDeque<>(2);

    TargetCodec(int maxStatusLineBytes, int maxHeaderBytes, int maxChunkBytes) {
        HttpDecoderConfig config = new HttpDecoderConfig()
                .setMaxInitialLineLength(maxStatusLineBytes)
                .setMaxHeaderSize(maxHeaderBytes)
                .setMaxChunkSize(maxChunkBytes);
        init(new ResponseDecoder(config), new RequestEncoder());
    }

    /** The outcome of a response the decoder could not read, by the kind of failure. */
    static LbError outcomeOf(Throwable cause) {
        if (cause instanceof LbException e) {
            return e.error();
        }
        if (cause instanceof PrematureChannelClosureException) {
            return LbError.TARGET_CLOSED_CONNECTION; // the target closed in the middle of its response head
        }
        if (cause instanceof TooLongFrameException) {
            return LbError.TARGET_RESPONSE_HEADERS_TOO_LARGE; // the status line or the headers (32 KiB)
        }
        return LbError.TARGET_RESPONSE_MALFORMED;
    }

    private final class RequestEncoder extends HttpRequestEncoder {
        @Override
        protected void encode(ChannelHandlerContext ctx, Object msg, List<Object> out) throws Exception {
            if (msg instanceof HttpRequest request) {
                methods.offer(request.method());
            }
            super.encode(ctx, msg, out);
        }
    }

    private final class ResponseDecoder extends HttpResponseDecoder {

        ResponseDecoder(HttpDecoderConfig config) {
            super(config);
        }

        @Override
        protected void decode(ChannelHandlerContext ctx, ByteBuf buffer, List<Object> out) throws Exception {
            int before = out.size();
            super.decode(ctx, buffer, out);
            TypedFailures.type(out, before, (cause, msg) -> outcomeOf(cause));
        }

        @Override
        protected void decodeLast(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) throws Exception {
            int before = out.size();
            super.decodeLast(ctx, in, out);
            TypedFailures.type(out, before, (cause, msg) -> outcomeOf(cause));
        }

        @Override
        protected boolean isContentAlwaysEmpty(HttpMessage msg) {
            int status = ((HttpResponse) msg).status().code();
            if (status >= 100 && status < 200) {
                return super.isContentAlwaysEmpty(msg); // interim (or 101): not paired with a request's method
            }
            return HttpMethod.HEAD.equals(methods.poll()) || super.isContentAlwaysEmpty(msg);
        }

        /**
         * A status code is three digits, 100 to 599 (RFC 9110 section 15). Netty takes any integer ({@code 2},
         * {@code 0200}, {@code 999}); a response with such a code is malformed, never relayed: {@code 2} would even
         * pass for an interim response.
         */
        @Override
        protected HttpMessage createMessage(String[] initialLine) {
            String code = initialLine[1];
            if (code.length() != 3 || code.charAt(0) < '1' || code.charAt(0) > '5'
                    || !isDigit(code.charAt(1)) || !isDigit(code.charAt(2))) {
                throw new LbException(LbError.TARGET_RESPONSE_MALFORMED,
                        "status code '" + code + "' is not three digits from 100 to 599");
            }
            return super.createMessage(initialLine);
        }

        private static boolean isDigit(char c) {
            return c >= '0' && c <= '9';
        }

        /**
         * Netty ends a response header's name at the first space or tab and then skips to the colon, so whatever
         * stood between is lost. Only whitespace may stand there (RFC 9112 section 5.1 lets a proxy remove it);
         * anything else means the name itself holds whitespace, and the response is malformed.
         */
        @Override
        protected AsciiString splitHeaderName(byte[] line, int start, int length) {
            int i = start + length;
            while (i < line.length && (line[i] == ' ' || line[i] == '\t')) {
                i++;
            }
            if (i > start + length && i < line.length && line[i] != ':') {
                throw new LbException(LbError.TARGET_RESPONSE_MALFORMED, "whitespace inside the header name '"
                        + new String(line, start, length, StandardCharsets.ISO_8859_1) + " ...'");
            }
            return super.splitHeaderName(line, start, length);
        }
    }
}
