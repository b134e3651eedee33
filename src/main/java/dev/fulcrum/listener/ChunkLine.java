package dev.fulcrum.listener;

import io.netty.buffer.ByteBuf;

/**
 * A chunk-size line (RFC 9112 section 7.1): hexadecimal digits, then optional extensions ({@code ;name=value}, with
 * optional whitespace), ended by CRLF or LF. Extensions are read past, never passed on (Fulcrum re-chunks the body).
 */
final class ChunkLine {

    /** More hex digits than a long holds. */
    private static final int MAX_DIGITS = 15;

    private ChunkLine() {
    }

    /** The size in {@code in[from..lf)}, or -1 when the line is not a chunk-size line. */
    static long size(ByteBuf in, int from, int lf) {
        int to = lf > from && in.getByte(lf - 1) == '\r' ? lf - 1 : lf;
        long size = 0;
        int i = from;
        while (i < to) {
            int digit = Character.digit(in.getByte(i), 16);
            if (digit < 0) {
                break;
            }
            if (i - from == MAX_DIGITS) {
                return -1;
            }
            size = size << 4 | digit;
            i++;
        }
        if (i == from) {
            return -1; // no digit
        }
        while (i < to && (in.getByte(i) == ' ' || in.getByte(i) == '\t')) {
            i++; // BWS before an extension
        }
        if (i < to && in.getByte(i) != ';') {
            return -1;
        }
        for (; i < to; i++) {
            byte b = in.getByte(i);
            if (b < 0x20 && b != '\t' || b == 0x7f) {
                return -1; // a control byte inside the extensions (a CR on its own, a NUL)
            }
        }
        return size;
    }
}
