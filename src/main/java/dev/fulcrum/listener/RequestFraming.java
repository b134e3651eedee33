package dev.fulcrum.listener;

import dev.fulcrum.core.LbError;
import dev.fulcrum.core.LbException;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpVersion;
import java.util.List;
import java.util.Locale;

/**
 * How a request's body is framed, by RFC 9112 section 6: {@code Transfer-Encoding: chunked} frames it (a Content-Length next to it is dropped); else one Content-Length (repeated values that agree are one);
 * else there is no body. The head is rewritten to say exactly that, so the target frames the body as Fulcrum did:
 * one Content-Length or {@code Transfer-Encoding: chunked}, never both.
 *
 * <p>What cannot be framed is refused whatever the desync mitigation mode: Content-Length values that disagree or
 * are not numbers (400); a coding other than chunked and identity (501, as the seeds say ALB answers it).
 *
 * @param chunked the body is chunked
 * @param length the Content-Length when not chunked (0 when there is no body)
 * @param closeAfter the connection must close after the response, whatever else says: Transfer-Encoding came with
 *     a Content-Length, or in an HTTP/1.0 request (RFC 9112 section 6.1); a sender that frames so may have meant
 *     the other reading
 */
record RequestFraming(boolean chunked, long length, boolean closeAfter) {

    private static final RequestFraming NO_BODY = new RequestFraming(false, 0, false);

    /** Reads the framing from {@code headers} and leaves exactly it in them. */
    static RequestFraming of(HttpHeaders headers, HttpVersion version) {
        List<String> codings = headers.getAll(HttpHeaderNames.TRANSFER_ENCODING);
        List<String> lengths = headers.getAll(HttpHeaderNames.CONTENT_LENGTH);
        if (codings.isEmpty() && lengths.isEmpty()) {
            return NO_BODY;
        }
        if (!codings.isEmpty()) {
            if (chunked(codings)) {
                headers.remove(HttpHeaderNames.CONTENT_LENGTH);
                headers.set(HttpHeaderNames.TRANSFER_ENCODING, HttpHeaderValues.CHUNKED);
                return new RequestFraming(true, -1, !lengths.isEmpty() || version.minorVersion() == 0);
            }
            headers.remove(HttpHeaderNames.TRANSFER_ENCODING); // only identity: as if it were not there
        }
        if (lengths.isEmpty()) {
            return NO_BODY;
        }
        long length = length(lengths);
        headers.set(HttpHeaderNames.CONTENT_LENGTH, Long.toString(length));
        return length == 0 ? NO_BODY : new RequestFraming(false, length, false);
    }

    /**
     * Whether the codings say chunked ({@code false} for identity alone): the seeds' ALB knows only these two
     * (anything else is 501, {@code gzip, chunked} too: Content-Encoding is the header for compression).
     * Parameters are dropped ({@code chunked;ext=1} is chunked), identity is a no-op wherever it stands, and chunked
     * named twice is read once.
     */
    private static boolean chunked(List<String> values) {
        boolean chunked = false;
        for (String value : values) {
            for (String part : value.split(",", -1)) {
                int semicolon = part.indexOf(';');
                String coding = (semicolon >= 0 ? part.substring(0, semicolon) : part).strip()
                        .toLowerCase(Locale.ROOT);
                if (coding.isEmpty()) {
                    continue; // an empty list element (RFC 9110 section 5.6.1)
                }
                if (coding.equals("chunked")) {
                    chunked = true; // chunked twice (the classifier's MultipleTransferEncodingChunked): read once
                } else if (!coding.equals("identity")) {
                    throw new LbException(LbError.UNSUPPORTED_TRANSFER_ENCODING, "transfer coding " + coding);
                }
            }
        }
        return chunked;
    }

    /** One non-negative decimal length; repeated equal values (in one header or several) count once. */
    private static long length(List<String> values) {
        long length = -1;
        for (String value : values) {
            for (String part : value.split(",", -1)) {
                long n = decimal(part.strip());
                if (n < 0 || length >= 0 && n != length) {
                    throw new LbException(LbError.INVALID_CONTENT_LENGTH, "Content-Length " + values);
                }
                length = n;
            }
        }
        return length;
    }

    private static long decimal(String s) {
        if (s.isEmpty() || s.length() > 18) {
            return -1;
        }
        long n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            n = n * 10 + (c - '0');
        }
        return n;
    }
}
