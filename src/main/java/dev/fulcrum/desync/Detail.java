package dev.fulcrum.desync;

/**
 * The human part of a classification: bytes quoted so that a log line stays one printable line (controls and
 * non-ASCII bytes escaped), and cut short, since a detail names the offending part rather than copying it.
 */
final class Detail {

    private static final int MAX_BYTES = 48;
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private Detail() {
    }

    /** {@code b[from, to)} in double quotes: {@code "Transfer-Encoding\t"}, {@code "\x00abc"}. */
    static String quoted(byte[] b, int from, int to) {
        return quoted("", b, from, to, "");
    }

    /** {@code before}, {@code b[from, to)} quoted, then {@code after}: one string built once. */
    static String quoted(String before, byte[] b, int from, int to, String after) {
        int shown = Math.min(to - from, MAX_BYTES);
        StringBuilder s = new StringBuilder(before.length() + shown + after.length() + 8).append(before).append('"');
        for (int i = from; i < from + shown; i++) {
            int c = b[i] & 0xFF;
            switch (c) {
                case '\t' -> s.append("\\t");
                case '\r' -> s.append("\\r");
                case '\n' -> s.append("\\n");
                case '"', '\\' -> s.append('\\').append((char) c);
                default -> {
                    if (c >= 0x20 && c < 0x7F) {
                        s.append((char) c);
                    } else {
                        s.append("\\x").append(HEX[c >> 4]).append(HEX[c & 0xF]);
                    }
                }
            }
        }
        if (shown < to - from) {
            s.append("...");
        }
        return s.append('"').append(after).toString();
    }
}
