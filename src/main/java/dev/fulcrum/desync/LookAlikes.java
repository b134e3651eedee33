package dev.fulcrum.desync;

/**
 * Header names that a lenient server or proxy could read as {@code Content-Length} or {@code Transfer-Encoding}
 * although they are not exactly that: the classic way to make two HTTP engines disagree on where a body ends.
 *
 * <p>A name resembles a target when, ignoring ASCII case, it has the target's words in order with nothing else
 * that is a letter or a digit: any run of other bytes may stand around it and for each {@code -} (spaces, tabs,
 * {@code _}, repeated hyphens, the UTF-8 bytes of a Unicode dash or space); inside a word, controls, spaces and
 * non-ASCII bytes are skipped; and the two UTF-8 letters whose upper case is ASCII stand for theirs: {@code ſ}
 * (long s, C5 BF) for s and {@code ı} (dotless i, C4 B1) for i. These are the cases http-desync-guardian lists.
 */
final class LookAlikes {

    private LookAlikes() {
    }

    /**
     * Whether {@code b[from, to)} resembles {@code target} (lower case words joined by {@code -}). True for the exact
     * name too: callers tell that apart first.
     */
    static boolean resemble(byte[] b, int from, int to, byte[] target) {
        int i = skipSeparators(b, from, to);
        boolean wordStart = true;
        for (byte t : target) {
            if (t == '-') {
                if (i == to || ByteClass.isAlphanumeric(b[i])) {
                    return false;
                }
                i = skipSeparators(b, i, to);
                wordStart = true;
                continue;
            }
            int matched = letterAt(b, i, to, t);
            while (matched == 0 && !wordStart && i < to && isSkippedInWord(b[i])) {
                i++;
                matched = letterAt(b, i, to, t);
            }
            if (matched == 0) {
                return false;
            }
            i += matched;
            wordStart = false;
        }
        return skipSeparators(b, i, to) == to;
    }

    /**
     * How many bytes at {@code i} stand for the lower case ASCII letter {@code letter}: 1 for the letter in either
     * case, 2 for its UTF-8 look-alike, 0 for anything else.
     */
    private static int letterAt(byte[] b, int i, int to, byte letter) {
        if (i == to) {
            return 0;
        }
        if ((b[i] | 0x20) == letter) {
            return 1;
        }
        if (i + 1 < to) {
            if (letter == 's' && (b[i] & 0xFF) == 0xC5 && (b[i + 1] & 0xFF) == 0xBF) {
                return 2;
            }
            if (letter == 'i' && (b[i] & 0xFF) == 0xC4 && (b[i + 1] & 0xFF) == 0xB1) {
                return 2;
            }
        }
        return 0;
    }

    /** What an engine that drops whitespace, controls or unknown bytes would not see inside a word. */
    private static boolean isSkippedInWord(byte b) {
        return b < 0 || (ByteClass.of(b) & (ByteClass.CONTROL | ByteClass.SPACE)) != 0;
    }

    private static int skipSeparators(byte[] b, int i, int to) {
        while (i < to && !ByteClass.isAlphanumeric(b[i])) {
            i++;
        }
        return i;
    }
}
