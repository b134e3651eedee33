package dev.fulcrum.desync;

/**
 * What each byte value is, as bits, so that the parser reads a byte with one table lookup and a whole name or value
 * is judged by the OR of its bytes' classes (a mask): a name is compliant when its mask has no {@link #NOT_TOKEN},
 * a value when its mask has no {@link #NOT_FIELD}.
 */
final class ByteClass {

    /** Not an RFC 9110 tchar: not allowed in a method or a header name. */
    static final int NOT_TOKEN = 1;
    /** A control other than HTAB, or DEL: not allowed in a header value (obs-text 0x80-0xFF is). */
    static final int NOT_FIELD = 1 << 1;
    /** NUL, CR or LF: a sign of a parsing error or a crafted request wherever it is. */
    static final int FORBIDDEN = 1 << 2;
    /** Any control, HTAB included, or DEL. */
    static final int CONTROL = 1 << 3;
    static final int SPACE = 1 << 4;
    static final int ALPHANUMERIC = 1 << 5;
    /** Where the raw parser's scan of a header line's first token stops: colon, CR, LF. */
    static final int ENDS_NAME = 1 << 6;
    /** Where its scan of a header value stops: CR, LF. */
    static final int ENDS_VALUE = 1 << 7;

    private static final String TOKEN_SYMBOLS = "!#$%&'*+-.^_`|~";
    /** Written once here and only read: one entry per byte value. */
    private static final int[] CLASSES = classes();

    private ByteClass() {
    }

    static int of(byte b) {
        return CLASSES[b & 0xFF];
    }

    /** The OR of the classes of {@code b[from, to)}. */
    static int mask(byte[] b, int from, int to) {
        int mask = 0;
        for (int i = from; i < to; i++) {
            mask |= CLASSES[b[i] & 0xFF];
        }
        return mask;
    }

    static boolean isToken(byte b) {
        return (of(b) & NOT_TOKEN) == 0;
    }

    static boolean isAlphanumeric(byte b) {
        return (of(b) & ALPHANUMERIC) != 0;
    }

    /** SP or HTAB: the optional whitespace around values and versions. */
    static boolean isWhitespace(byte b) {
        return b == ' ' || b == '\t';
    }

    private static int[] classes() {
        int[] classes = new int[256];
        for (int c = 0; c < 256; c++) {
            boolean alphanumeric = (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
            boolean control = c < 0x20 || c == 0x7F;
            int bits = 0;
            bits |= alphanumeric ? ALPHANUMERIC : 0;
            bits |= alphanumeric || (c < 0x80 && TOKEN_SYMBOLS.indexOf(c) >= 0) ? 0 : NOT_TOKEN;
            bits |= control && c != '\t' ? NOT_FIELD : 0;
            bits |= control ? CONTROL : 0;
            bits |= c == 0 || c == '\r' || c == '\n' ? FORBIDDEN : 0;
            bits |= c == ' ' ? SPACE : 0;
            bits |= c == ':' || c == '\r' || c == '\n' ? ENDS_NAME : 0;
            bits |= c == '\r' || c == '\n' ? ENDS_VALUE : 0;
            classes[c] = bits;
        }
        return classes;
    }
}
