package dev.fulcrum.desync;

import java.nio.charset.StandardCharsets;

/**
 * What a header name means to request framing: exactly {@code Content-Length} or {@code Transfer-Encoding} (in any
 * case), a look-alike of one of them, empty, or anything else. The look-alike check runs only on names that could
 * be one: at least as long as {@code Content-Length}, whose first letter or digit is c or t.
 */
final class HeaderNames {

    enum Kind { CONTENT_LENGTH, TRANSFER_ENCODING, LIKE_CONTENT_LENGTH, LIKE_TRANSFER_ENCODING, EMPTY, OTHER }

    static final byte[] CONTENT_LENGTH = ascii("content-length");
    static final byte[] TRANSFER_ENCODING = ascii("transfer-encoding");
    static final byte[] CONTENT_TYPE = ascii("content-type");

    private HeaderNames() {
    }

    /** The kind of the name {@code b[from, to)}, whose byte classes OR to {@code mask}. */
    static Kind kind(byte[] b, int from, int to, int mask) {
        int length = to - from;
        if (length == CONTENT_LENGTH.length && equalsIgnoreCase(b, from, to, CONTENT_LENGTH)) {
            return Kind.CONTENT_LENGTH;
        }
        if (length == TRANSFER_ENCODING.length && equalsIgnoreCase(b, from, to, TRANSFER_ENCODING)) {
            return Kind.TRANSFER_ENCODING;
        }
        if (length == 0 || ((mask & ByteClass.NOT_TOKEN) != 0 && isEmpty(b, from, to))) {
            return Kind.EMPTY;
        }
        if (length >= CONTENT_LENGTH.length && couldLookAlike(b, from, to)) {
            if (LookAlikes.resemble(b, from, to, TRANSFER_ENCODING)) {
                return Kind.LIKE_TRANSFER_ENCODING;
            }
            if (LookAlikes.resemble(b, from, to, CONTENT_LENGTH)) {
                return Kind.LIKE_CONTENT_LENGTH;
            }
        }
        return Kind.OTHER;
    }

    /** Whether {@code b[from, to)} is {@code lowerCase} in any ASCII case. */
    static boolean equalsIgnoreCase(byte[] b, int from, int to, byte[] lowerCase) {
        if (to - from != lowerCase.length) {
            return false;
        }
        for (int i = 0; i < lowerCase.length; i++) {
            byte c = b[from + i];
            // Folding with 0x20 is exact for letters only, so a non-letter must match as it is.
            if (c != lowerCase[i] && ((c | 0x20) != lowerCase[i] || lowerCase[i] < 'a' || lowerCase[i] > 'z')) {
                return false;
            }
        }
        return true;
    }

    /** Only spaces and tabs, or starting with a colon once they are trimmed: a name no engine can agree on. */
    private static boolean isEmpty(byte[] b, int from, int to) {
        int i = from;
        while (i < to && ByteClass.isWhitespace(b[i])) {
            i++;
        }
        return i == to || b[i] == ':';
    }

    private static boolean couldLookAlike(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (ByteClass.isAlphanumeric(b[i])) {
                int c = b[i] | 0x20;
                return c == 'c' || c == 't';
            }
        }
        return false;
    }

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
