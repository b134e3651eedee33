package dev.fulcrum.listener;

import dev.fulcrum.core.LbError;
import dev.fulcrum.core.LbException;
import dev.fulcrum.desync.Classification;
import dev.fulcrum.desync.FramingNames;
import dev.fulcrum.proxy.HeadVerdict;
import dev.fulcrum.proxy.RequestChecks;
import io.netty.handler.codec.http.DefaultHttpHeadersFactory;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpHeadersFactory;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.AsciiString;
import java.nio.charset.StandardCharsets;

/**
 * Fulcrum's reading of one request head, from its raw bytes (the request line through the empty line): the request
 * the exchange routes and forwards, and how its body is framed. It reads leniently where reading cannot disagree
 * with a strict parser downstream, and forwards only what a strict parser reads the same way:
 * <ul>
 *   <li>lines end in LF, with or without CR;</li>
 *   <li>request line: the method up to the first space, the version after the last one, the target between
 *       (so a space inside the target stays in it; it is percent-encoded when forwarded);</li>
 *   <li>a folded line (obs-fold) joins its header's value with one space (RFC 9112 section 5.2);</li>
 *   <li>a header line without a colon, with an empty name, a name that is not a token (a space, a control or a
 *       non-ASCII byte in it), a name that resembles a framing header without being one ({@code Transfer_Encoding})
 *       or a value with a control byte other than tab is not passed on: no strict parser would take it, a lenient
 *       one might read it as a framing header; it never frames the body either;</li>
 *   <li>the body is framed by the {@code Transfer-Encoding} and {@code Content-Length} headers whose names are
 *       exactly those ({@link RequestFraming}), and the head is rewritten to carry exactly that framing.</li>
 * </ul>
 * How the raw bytes looked (folding, bare LF, suspicious names) is the desync classifier's to judge, from the same
 * bytes.
 */
final class RequestHead {

    /** Headers are checked here, once: the factory's own validation would throw on what is only dropped. */
    private static final HttpHeadersFactory HEADERS = DefaultHttpHeadersFactory.headersFactory().withValidation(false);

    private RequestHead() {
    }

    /**
     * Reads the head in {@code raw[0..length)}, which ends with its empty line. Throws an {@link LbException} for a
     * request line that cannot be read; a head whose body cannot be framed comes back with its error.
     */
    static Parsed parse(byte[] raw, int length, Classification classification) {
        int lineEnd = indexOf(raw, 0, length, (byte) '\n');
        int lineStop = trimCr(raw, 0, lineEnd);
        if (lineStop > RequestChecks.MAX_REQUEST_LINE_BYTES) {
            throw new LbException(LbError.REQUEST_LINE_TOO_LONG, "request line of " + lineStop + " bytes");
        }
        HeadRequest request = requestLine(raw, 0, lineStop);
        request.verdict(new HeadVerdict(false, classification));
        HttpHeaders headers = request.headers();
        Header last = null;
        int pos = lineEnd + 1;
        while (pos < length) {
            int end = indexOf(raw, pos, length, (byte) '\n');
            int stop = trimCr(raw, pos, end);
            if (stop == pos) {
                break; // the empty line
            }
            if (raw[pos] == ' ' || raw[pos] == '\t') {
                if (last != null) {
                    last.fold(raw, pos, stop); // obs-fold: one space instead of the line break
                }
                // Whitespace before the first header: consumed without further processing (RFC 9112 section 2.2).
            } else {
                if (last != null) {
                    last.addTo(headers);
                }
                last = Header.of(raw, pos, stop);
            }
            pos = end + 1;
        }
        if (last != null) {
            last.addTo(headers);
        }
        if (pos - lineEnd - 1 > RequestChecks.MAX_HEADERS_BYTES) {
            return new Parsed(request, null, LbError.REQUEST_HEADERS_TOO_LARGE);
        }
        try {
            RequestFraming framing = RequestFraming.of(headers, request.protocolVersion());
            request.verdict(new HeadVerdict(framing.closeAfter(), classification));
            return new Parsed(request, framing, null);
        } catch (LbException e) {
            return new Parsed(request, null, e.error());
        }
    }

    /**
     * A request as read, and its body's framing (already written into the request's headers); or, for a body that
     * cannot be framed, the request as far as it was read and why.
     */
    record Parsed(HttpRequest request, RequestFraming framing, LbError error) {
    }

    private static HeadRequest requestLine(byte[] raw, int from, int to) {
        int methodEnd = indexOf(raw, from, to, (byte) ' ');
        int stop = to;
        while (stop > methodEnd && (raw[stop - 1] == ' ' || raw[stop - 1] == '\t')) {
            stop--; // whitespace after the version (the classifier notes it)
        }
        int versionStart = lastIndexOf(raw, methodEnd, stop, (byte) ' ') + 1;
        if (methodEnd >= to || versionStart <= methodEnd + 1) {
            throw new LbException(LbError.REQUEST_MALFORMED, "not METHOD TARGET VERSION");
        }
        String version = latin1(raw, versionStart, stop);
        if (!RequestChecks.isVersionToken(version)) {
            throw new LbException(LbError.REQUEST_MALFORMED, "not an HTTP version: " + version);
        }
        if (!RequestChecks.isSingleDigitVersion(version)) {
            throw new LbException(LbError.HTTP_VERSION_NOT_SUPPORTED, "HTTP version " + version);
        }
        String method = latin1(raw, from, methodEnd);
        if (!isToken(raw, from, methodEnd)) {
            throw new LbException(LbError.REQUEST_MALFORMED, "not a method token: " + method);
        }
        int targetStart = methodEnd + 1;
        int targetEnd = versionStart - 1;
        while (targetStart < targetEnd && isSpace(raw[targetStart])) {
            targetStart++;
        }
        while (targetEnd > targetStart && isSpace(raw[targetEnd - 1])) {
            targetEnd--;
        }
        HttpVersion v = HttpVersion.valueOf(version.toUpperCase(java.util.Locale.ROOT));
        if (v.majorVersion() == 1 && v.minorVersion() > 1) {
            v = HttpVersion.HTTP_1_1; // a later minor version is read as the highest one spoken (RFC 9110 section 2.5)
        }
        return new HeadRequest(v, HttpMethod.valueOf(method), latin1(raw, targetStart, targetEnd),
                HEADERS.newHeaders());
    }

    /** One header line as read, with the folded lines that continue it. */
    private static final class Header {
        private final CharSequence name;
        private final boolean forwardable;
        private String value;

        private Header(CharSequence name, boolean forwardable, String value) {
            this.name = name;
            this.forwardable = forwardable;
            this.value = value;
        }

        static Header of(byte[] raw, int from, int to) {
            int colon = indexOf(raw, from, to, (byte) ':');
            if (colon >= to || colon == from) {
                return new Header("", false, ""); // no colon, or no name: passed on to nobody
            }
            int valueStart = colon + 1;
            int valueEnd = to;
            while (valueStart < valueEnd && isSpace(raw[valueStart])) {
                valueStart++;
            }
            while (valueEnd > valueStart && isSpace(raw[valueEnd - 1])) {
                valueEnd--;
            }
            boolean token = isToken(raw, from, colon);
            CharSequence name = token ? new AsciiString(raw, from, colon - from, true) : latin1(raw, from, colon);
            // Transfer_Encoding is a token, but a target that reads it as Transfer-Encoding would frame otherwise.
            boolean forwardable = token && isFieldValue(raw, valueStart, valueEnd)
                    && !FramingNames.isLookAlike(raw, from, colon);
            return new Header(name, forwardable, latin1(raw, valueStart, valueEnd));
        }

        void fold(byte[] raw, int from, int to) {
            int start = from;
            while (start < to && isSpace(raw[start])) {
                start++;
            }
            int end = to;
            while (end > start && isSpace(raw[end - 1])) {
                end--;
            }
            if (end > start) {
                String more = latin1(raw, start, end);
                value = value.isEmpty() ? more : value + ' ' + more;
            }
        }

        void addTo(HttpHeaders headers) {
            if (forwardable && isFieldValue(value)) {
                headers.add(name, value);
            } else if (isFraming(name)) {
                // A framing header that cannot be read cleanly still frames (and so fails) the request: it must
                // never be dropped quietly and the body read otherwise.
                headers.add(name.toString().toLowerCase(java.util.Locale.ROOT), value);
            }
        }

        private static boolean isFraming(CharSequence name) {
            return AsciiString.contentEqualsIgnoreCase(name, HttpHeaderNames.CONTENT_LENGTH)
                    || AsciiString.contentEqualsIgnoreCase(name, HttpHeaderNames.TRANSFER_ENCODING);
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // Bytes

    static int indexOf(byte[] raw, int from, int to, byte b) {
        for (int i = from; i < to; i++) {
            if (raw[i] == b) {
                return i;
            }
        }
        return to;
    }

    private static int lastIndexOf(byte[] raw, int from, int to, byte b) {
        for (int i = to - 1; i >= from; i--) {
            if (raw[i] == b) {
                return i;
            }
        }
        return from - 1;
    }

    private static int trimCr(byte[] raw, int from, int lf) {
        return lf > from && raw[lf - 1] == '\r' ? lf - 1 : lf;
    }

    private static boolean isSpace(byte b) {
        return b == ' ' || b == '\t';
    }

    /** RFC 9110 tchar: {@code !#$%&'*+-.^_`|~}, digits, letters. */
    static boolean isToken(byte[] raw, int from, int to) {
        if (from >= to) {
            return false;
        }
        for (int i = from; i < to; i++) {
            if (!TCHAR[raw[i] & 0xff]) {
                return false;
            }
        }
        return true;
    }

    /** Visible characters, spaces, tabs and obs-text: no control byte a parser could take for a line end. */
    private static boolean isFieldValue(byte[] raw, int from, int to) {
        for (int i = from; i < to; i++) {
            int b = raw[i] & 0xff;
            if (b < 0x20 && b != '\t' || b == 0x7f) {
                return false;
            }
        }
        return true;
    }

    private static boolean isFieldValue(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 && c != '\t' || c == 0x7f) {
                return false;
            }
        }
        return true;
    }

    private static String latin1(byte[] raw, int from, int to) {
        return new String(raw, from, to - from, StandardCharsets.ISO_8859_1);
    }

    private static final boolean[] TCHAR = new boolean[256];

    static {
        for (char c = '0'; c <= '9'; c++) {
            TCHAR[c] = true;
        }
        for (char c = 'a'; c <= 'z'; c++) {
            TCHAR[c] = true;
            TCHAR[c - 32] = true;
        }
        for (char c : "!#$%&'*+-.^_`|~".toCharArray()) {
            TCHAR[c] = true;
        }
    }
}
