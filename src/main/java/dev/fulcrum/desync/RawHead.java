package dev.fulcrum.desync;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Reads a request head from its raw bytes in one pass (only the request line's are read again, by the rules on its
 * parts) and feeds its parts to an {@link Analysis} with what only the raw bytes show: how lines end, folded lines,
 * a header line without a colon, a request line without a target, a head cut short.
 *
 * <p>It splits as a lenient engine would, so that what one engine could be made to see is judged: a line ends at LF
 * (one CR before it is the CRLF's; any other CR is a byte of the line); a header's name is everything before the
 * first colon, spaces included; the method ends at the first space and the version is the line's last word, the
 * target what lies between (so a space in the target is seen as one). A line that starts with a space or tab
 * continues the header before it (obs-fold) unless it looks like a header of its own, which is then read as one.
 */
final class RawHead {

    private static final byte CR = '\r';
    private static final byte LF = '\n';
    private static final byte SP = ' ';
    /** Eight bytes of the head as one long, for the value scan. */
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101_0101_0101_0101L;
    private static final long HIGH_BITS = 0x8080_8080_8080_8080L;

    private final byte[] b;
    private final int end;
    private final Analysis analysis;

    /** The number of the line being read, the request line being 1. */
    private int line;
    /** The OR of the byte classes of the last scan's bytes. */
    private int mask;
    /** Where the line just read ends (before its CR LF, LF or CR), and where the next one starts, -1 if none. */
    private int lineEnd;
    private int next;
    private boolean endsInCrLf;

    /** The last header line with a colon, which a folded line continues. */
    private int foldedNameFrom = -1;
    private int foldedNameTo;
    private int foldedNameMask;
    private boolean foldedContentType;

    private RawHead(byte[] b, int end, Analysis analysis) {
        this.b = b;
        this.end = end;
        this.analysis = analysis;
    }

    static Classification classify(byte[] b, int from, int to) {
        Analysis analysis = new Analysis();
        RawHead head = new RawHead(b, to, analysis);
        int at = head.requestLine(from);
        while (at >= 0) {
            at = head.headerLine(at);
        }
        return analysis.verdict();
    }

    /** Reads the request line at {@code from}; returns where the next line starts, or -1. */
    private int requestLine(int from) {
        line = 1;
        int lf = from;
        while (lf < end && b[lf] != LF) {
            lf++;
        }
        endLineAt(lf > from && b[lf - 1] == CR ? lf - 1 : lf);
        int e = lineEnd;
        int firstSpace = from;
        while (firstSpace < e && b[firstSpace] != SP) {
            firstSpace++;
        }
        int methodTo = firstSpace;
        int uriFrom = e;
        int uriTo = e;
        int versionFrom = e;
        boolean missingUri;
        if (firstSpace + 1 >= e) {
            missingUri = true;
        } else {
            int rest = firstSpace + 1;
            // The version is the line's last word: back from the end past trailing spaces and non-token bytes (they
            // belong to the version) to its last token byte, then to the space before it.
            int lastToken = e - 1;
            while (lastToken > rest && !ByteClass.isToken(b[lastToken])) {
                lastToken--;
            }
            int space = lastToken - 1;
            while (space > rest && b[space] != SP) {
                space--;
            }
            if (lastToken > rest && space > rest) {
                uriFrom = rest;
                uriTo = space;
                versionFrom = space + 1;
                missingUri = false;
            } else if (b[rest] == SP) {
                // Two spaces after the method: an empty target, as long as a version follows.
                uriFrom = rest;
                uriTo = rest;
                versionFrom = rest + 1;
                missingUri = versionFrom == e;
            } else if (RequestLine.startsWithHttp(b, rest, e) && e - rest > 6 && b[rest + 5] == '1'
                    && b[rest + 6] == '.') {
                // One word after the method and it is an HTTP/1 version: the target is missing.
                versionFrom = rest;
                missingUri = true;
            } else {
                // One word after the method and no version: HTTP/0.9.
                uriFrom = rest;
                uriTo = e;
                missingUri = false;
            }
        }
        analysis.requestLine(b, from, methodTo, uriFrom, uriTo, versionFrom, e);
        if (missingUri) {
            analysis.parsing(Reason.MISSING_URI, b, from, e, "request line");
        }
        return endOfLine(from);
    }

    /** Reads the header line at {@code from}; returns where the next line starts, or -1 after the last. */
    private int headerLine(int from) {
        line++;
        if (from == end) {
            analysis.parsing(Reason.MISSING_LAST_EMPTY_LINE, "the head ends after line " + (line - 1));
            return -1;
        }
        boolean folded = ByteClass.isWhitespace(b[from]);
        int tokenTo = scanFirstToken(from);
        int tokenMask = mask;
        boolean hasColon = tokenTo < end && b[tokenTo] == ':';
        int valueFrom = hasColon ? tokenTo + 1 : tokenTo;
        int valueMask = 0;
        if (hasColon) {
            endLineAt(scanValue(valueFrom));
            valueMask = mask;
        } else {
            endLineAt(tokenTo);
            valueFrom = lineEnd;
        }
        if (lineEnd == from) {
            // The empty line that ends the head.
            endOfLine(from);
            return -1;
        }
        if (!folded) {
            analysis.header(b, from, tokenTo, tokenMask, valueFrom, lineEnd, valueMask);
            if (hasColon) {
                foldedNameFrom = from;
                foldedNameTo = tokenTo;
                foldedNameMask = tokenMask;
                foldedContentType = HeaderNames.equalsIgnoreCase(b, from, tokenTo, HeaderNames.CONTENT_TYPE);
            } else {
                analysis.parsing(Reason.MISSING_HEADER_COLON, "line " + line + " has no colon");
            }
        } else if (foldedNameFrom >= 0 && (foldedContentType || !hasColon)) {
            // A continuation: its first token is one more value of the header it continues.
            analysis.header(b, foldedNameFrom, foldedNameTo, foldedNameMask, from, tokenTo, tokenMask);
            foldingReported(foldedNameFrom, foldedNameTo);
        } else {
            // A line that mimics a header (" Transfer-Encoding: chunked") is read as the header an engine that
            // trims names would see, and reported as folded.
            analysis.header(b, from, tokenTo, tokenMask, valueFrom, lineEnd, valueMask);
            foldingReported(from, tokenTo);
        }
        return endOfLine(from);
    }

    /**
     * Folding is deprecated except for message/http content (RFC 7230 section 3.2.4), so a folded Content-Type is
     * let through, as http-desync-guardian does; any other is reported.
     */
    private void foldingReported(int nameFrom, int nameTo) {
        if (!foldedContentType && analysis.isParsingRaisedBy(Reason.MULTILINE_HEADER)) {
            analysis.parsing(Reason.MULTILINE_HEADER, b, nameFrom, nameTo, "line " + line + " folds header");
        }
    }

    /**
     * Scans a header line's first token from {@code i} to its colon or the line's end, ORing the classes of its bytes
     * into {@link #mask}; returns where it stopped, or {@link #end}. A CR stops the scan only as the CR of a line end
     * (before LF, or as the head's last byte): elsewhere it is a byte of the token.
     */
    private int scanFirstToken(int i) {
        int m = 0;
        for (; i < end; i++) {
            byte c = b[i];
            int cls = ByteClass.of(c);
            if ((cls & ByteClass.ENDS_NAME) != 0 && (c != CR || i + 1 == end || b[i + 1] == LF)) {
                break;
            }
            m |= cls;
        }
        mask = m;
        return i;
    }

    /**
     * Scans a value to the line's end as {@link #scanFirstToken} scans a token. A value is most of a head's bytes,
     * so it goes eight bytes at a time to the next control or DEL, which is all that can end the line or change a
     * value's verdict: the bytes passed over have none of {@link ByteClass#CONTROL}, {@link ByteClass#NOT_FIELD}
     * and {@link ByteClass#FORBIDDEN}, so the mask is exact for those bits, all a value is judged by.
     */
    private int scanValue(int i) {
        int m = 0;
        while (i < end) {
            if (i <= end - Long.BYTES) {
                long found = controlsOrDel((long) LONGS.get(b, i));
                if (found == 0) {
                    i += Long.BYTES;
                    continue;
                }
                i += Long.numberOfTrailingZeros(found) >>> 3;
            }
            byte c = b[i];
            int cls = ByteClass.of(c);
            if ((cls & ByteClass.ENDS_VALUE) != 0 && (c != CR || i + 1 == end || b[i + 1] == LF)) {
                break;
            }
            m |= cls;
            i++;
        }
        mask = m;
        return i;
    }

    /**
     * The high bit of each of the eight bytes of {@code w} (little-endian: the first byte lowest) that is below 0x20
     * or is 0x7F, and maybe of bytes after such a byte, never before. Subtracting 0x20 from each byte borrows into
     * its high bit only when it is below 0x20, and ANDing with {@code ~w} leaves out bytes of 0x80 and above; XOR
     * with 0x7F makes DEL a zero byte, found the same way. A borrow can only run from a byte that matches to the ones
     * after it, so the lowest bit set marks the first match.
     */
    private static long controlsOrDel(long w) {
        long del = w ^ (0x7F * ONES);
        return (((w - 0x20 * ONES) & ~w) | ((del - ONES) & ~del)) & HIGH_BITS;
    }

    /** Records the line ending at {@code i}: at the end of the head, or at its CR or LF. */
    private void endLineAt(int i) {
        lineEnd = i;
        if (i == end) {
            next = -1;
            endsInCrLf = false;
        } else if (b[i] == LF) {
            next = i + 1;
            endsInCrLf = false;
        } else {
            next = i + 1 == end ? -1 : i + 2;
            endsInCrLf = true;
        }
    }

    /** Reports how the line that started at {@code from} ended; returns where the next one starts, or -1. */
    private int endOfLine(int from) {
        if (next < 0 && !(endsInCrLf && lineEnd == from)) {
            // Cut inside a line; only a head whose last line is an empty one that lost its LF is complete.
            analysis.parsing(Reason.PARTIAL_HEADER_LINE, "line " + line + " has no line end");
        } else if (!endsInCrLf && analysis.isParsingRaisedBy(Reason.NON_CR_LF_LINE_TERMINATION)) {
            analysis.parsing(Reason.NON_CR_LF_LINE_TERMINATION, "line " + line + " ends in LF, not CRLF");
        }
        return next;
    }
}
