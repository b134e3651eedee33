package dev.fulcrum.listener;

import dev.fulcrum.core.LbError;
import dev.fulcrum.core.LbException;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpVersion;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * How a request's body is framed, by RFC 9112 section 6: {@code Transfer-Encoding} whose last coding is chunked
 * frames it (a Content-Length next to it is dropped); else one Content-Length (repeated values that agree are one);
 * else there is no body. The head is rewritten to say exactly that, so the target frames the body as Fulcrum did:
 * one Content-Length or {@code Transfer-Encoding} ending in chunked, never both.
 *
 * <p>What cannot be framed is refused whatever the desync mitigation mode: Content-Length values that disagree or
 * are not numbers (400); a coding Fulcrum does not know, or a body whose end no coding says (501: the seeds say ALB
 * answers so a Transfer-Encoding it cannot take; {@code gzip, chunked}, which ALB's classifier calls Compliant, is
 * forwarded, the codings before chunked being the target's to undo).
 *
 * @param chunked the body is chunked
 * @param length the Content-Length when not chunked (0 when there is no body)
 * @param closeAfter the connection must close after the response, whatever else says: Transfer-Encoding came with
 *     a Content-Length, or in an HTTP/1.0 request (RFC 9112 section 6.1); a sender that frames so may have meant
 *     the other reading
 */
record RequestFraming(boolean chunked, long length, boolean closeAfter) {

    /** Codings a proxy can pass on inside chunked framing without understanding them (RFC 9110 section 8.4.1). */
    private static final Set<String> KNOWN_CODINGS = Set.of("chunked", "identity", "gzip", "x-gzip", "deflate",
            "compress", "x-compress");
    private static final RequestFraming NO_BODY = new RequestFraming(false, 0, false);

    /** Reads the framing from {@code headers} and leaves exactly it in them. */
    static RequestFraming of(HttpHeaders headers, HttpVersion version) {
        List<String> codings = headers.getAll(HttpHeaderNames.TRANSFER_ENCODING);
        List<String> lengths = headers.getAll(HttpHeaderNames.CONTENT_LENGTH);
        if (codings.isEmpty() && lengths.isEmpty()) {
            return NO_BODY;
        }
        if (!codings.isEmpty()) {
            String passedOn = codings(codings);
            if (passedOn != null) {
                headers.remove(HttpHeaderNames.CONTENT_LENGTH);
                headers.set(HttpHeaderNames.TRANSFER_ENCODING, passedOn);
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
     * The codings as they go on ({@code gzip, chunked}), {@code null} for identity alone. Parameters are dropped
     * ({@code chunked;ext=1} is chunked), identity is left out, names are lower-cased.
     */
    private static String codings(List<String> values) {
        StringBuilder passedOn = new StringBuilder();
        boolean chunked = false;
        boolean lastChunked = false;
        for (String value : values) {
            for (String part : value.split(",", -1)) {
                int semicolon = part.indexOf(';');
                String coding = (semicolon >= 0 ? part.substring(0, semicolon) : part).strip()
                        .toLowerCase(Locale.ROOT);
                if (coding.isEmpty()) {
                    continue; // an empty list element (RFC 9110 section 5.6.1)
                }
                if (!KNOWN_CODINGS.contains(coding)) {
                    throw new LbException(LbError.UNSUPPORTED_TRANSFER_ENCODING, "transfer coding " + coding);
                }
                if (coding.equals("identity")) {
                    continue;
                }
                if (coding.equals("chunked") && chunked) {
                    continue; // chunked twice (the classifier's MultipleTransferEncodingChunked): read once
                }
                chunked |= coding.equals("chunked");
                lastChunked = coding.equals("chunked");
                if (!passedOn.isEmpty()) {
                    passedOn.append(", ");
                }
                passedOn.append(coding);
            }
        }
        if (passedOn.isEmpty()) {
            return null;
        }
        if (!lastChunked) {
            // A request body that no final chunked coding delimits has no end a server can find.
            throw new LbException(LbError.UNSUPPORTED_TRANSFER_ENCODING, "transfer coding " + passedOn
                    + " does not end with chunked");
        }
        return passedOn.toString();
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
