package dev.fulcrum.listener;

import dev.fulcrum.proxy.RequestChecks;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultHttpHeadersFactory;
import io.netty.handler.codec.http.DefaultLastHttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.AsciiString;
import java.nio.charset.StandardCharsets;

/**
 * The trailer section of a chunked request, as far as it may be passed on: fields whose name is a token and whose
 * value has no control byte, and never one that would frame a message (RFC 9110 section 6.5.1).
 */
final class Trailers {

    private final HttpHeaders headers = DefaultHttpHeadersFactory.trailersFactory().withValidation(false).newHeaders();
    private int bytes;

    /** Adds the trailer line {@code in[from..to)}; false once the trailers are over the headers' limit. */
    boolean add(ByteBuf in, int from, int to) {
        bytes += to - from;
        if (bytes > RequestChecks.MAX_HEADERS_BYTES) {
            return false;
        }
        byte[] line = new byte[to - from];
        in.getBytes(from, line);
        int colon = RequestHead.indexOf(line, 0, line.length, (byte) ':');
        if (colon == line.length || !RequestHead.isToken(line, 0, colon)) {
            return true; // not a field: dropped
        }
        AsciiString name = new AsciiString(line, 0, colon, true);
        String value = new String(line, colon + 1, line.length - colon - 1, StandardCharsets.ISO_8859_1).strip();
        if (framing(name) || !visible(value)) {
            return true;
        }
        headers.add(name, value);
        return true;
    }

    LastHttpContent last() {
        return new DefaultLastHttpContent(Unpooled.EMPTY_BUFFER, headers);
    }

    private static boolean framing(AsciiString name) {
        return name.contentEqualsIgnoreCase(HttpHeaderNames.CONTENT_LENGTH)
                || name.contentEqualsIgnoreCase(HttpHeaderNames.TRANSFER_ENCODING)
                || name.contentEqualsIgnoreCase(HttpHeaderNames.HOST);
    }

    private static boolean visible(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 && c != '\t' || c == 0x7f) {
                return false;
            }
        }
        return true;
    }
}
