package dev.fulcrum.desync;

/**
 * The rules for the three parts of a request line: method, request target and version. Each returns its finding,
 * or {@link Classification#COMPLIANT}.
 */
final class RequestLine {

    /** The versions the framing rules tell apart; a malformed version is framed as HTTP/1.1 would be. */
    enum Protocol { HTTP_0_9, HTTP_1_0, HTTP_1_1, LATER }

    private static final int HTTP_SLASH = 5; // "HTTP/"

    private RequestLine() {
    }

    /** The method must be a token: one or more tchars. */
    static Classification method(byte[] b, int from, int to) {
        if (from == to || (ByteClass.mask(b, from, to) & ByteClass.NOT_TOKEN) != 0) {
            return Classification.of(Reason.BAD_METHOD, Detail.quoted("method ", b, from, to, ""));
        }
        return Classification.COMPLIANT;
    }

    /**
     * Any byte but controls and space may be in the target, obs-text included (a UTF-8 path is common); percent
     * escapes are not decoded, so {@code %0D} is fine. The detail says what was found, not the target, which may
     * carry private data.
     */
    static Classification uri(byte[] b, int from, int to) {
        int mask = ByteClass.mask(b, from, to);
        if ((mask & ByteClass.FORBIDDEN) != 0) {
            return Classification.of(Reason.BAD_URI, "the URI has a NUL, CR or LF");
        }
        if ((mask & ByteClass.CONTROL) != 0) {
            return Classification.of(Reason.AMBIGUOUS_URI, "the URI has a control character");
        }
        if ((mask & ByteClass.SPACE) != 0) {
            return Classification.of(Reason.SPACE_IN_URI, "the URI has a space");
        }
        return Classification.COMPLIANT;
    }

    /**
     * {@code HTTP/1.0} and {@code HTTP/1.1} are compliant. HTTP/0.9 (or no version at all), {@code HTTP/1.2} to
     * {@code HTTP/1.9} and a valid version between spaces or tabs are acceptable; anything else is malformed.
     */
    static Classification version(byte[] b, int from, int to) {
        int start = trimStart(b, from, to);
        int end = trimEnd(b, start, to);
        Reason reason;
        if (start == end || isHttp09(b, start, end)) {
            reason = Reason.NON_COMPLIANT_VERSION;
        } else if (!isHttp1(b, start, end)) {
            reason = Reason.BAD_VERSION;
        } else if (start != from || end != to || b[end - 1] > '1') {
            reason = Reason.NON_COMPLIANT_VERSION;
        } else {
            return Classification.COMPLIANT;
        }
        return Classification.of(reason, Detail.quoted("version ", b, from, to, ""));
    }

    /**
     * How the framing rules read the version. {@code HTTP/2} and later (as a request line may name them before an
     * upgrade) are out of this classifier's scope, as they are out of http-desync-guardian's.
     */
    static Protocol protocol(byte[] b, int from, int to) {
        int start = trimStart(b, from, to);
        int end = trimEnd(b, start, to);
        if (start == end || isHttp09(b, start, end)) {
            return Protocol.HTTP_0_9;
        }
        if (isHttp1(b, start, end)) {
            return b[end - 1] == '0' ? Protocol.HTTP_1_0 : Protocol.HTTP_1_1;
        }
        int length = end - start;
        boolean later = (length == HTTP_SLASH + 1 || (length == HTTP_SLASH + 3 && b[start + HTTP_SLASH + 1] == '.'
                && isDigit(b[end - 1]))) && startsWithHttp(b, start, end) && b[start + HTTP_SLASH] >= '2'
                && b[start + HTTP_SLASH] <= '9';
        return later ? Protocol.LATER : Protocol.HTTP_1_1;
    }

    /** {@code HTTP/1.} and one digit. */
    private static boolean isHttp1(byte[] b, int from, int to) {
        return to - from == HTTP_SLASH + 3 && startsWithHttp(b, from, to) && b[from + HTTP_SLASH] == '1'
                && b[from + HTTP_SLASH + 1] == '.' && isDigit(b[to - 1]);
    }

    private static boolean isHttp09(byte[] b, int from, int to) {
        return to - from == HTTP_SLASH + 3 && startsWithHttp(b, from, to) && b[from + HTTP_SLASH] == '0'
                && b[from + HTTP_SLASH + 1] == '.' && b[to - 1] == '9';
    }

    static boolean startsWithHttp(byte[] b, int from, int to) {
        return to - from >= HTTP_SLASH && b[from] == 'H' && b[from + 1] == 'T' && b[from + 2] == 'T'
                && b[from + 3] == 'P' && b[from + 4] == '/';
    }

    private static boolean isDigit(byte c) {
        return c >= '0' && c <= '9';
    }

    static int trimStart(byte[] b, int from, int to) {
        while (from < to && ByteClass.isWhitespace(b[from])) {
            from++;
        }
        return from;
    }

    static int trimEnd(byte[] b, int from, int to) {
        while (to > from && ByteClass.isWhitespace(b[to - 1])) {
            to--;
        }
        return to;
    }
}
