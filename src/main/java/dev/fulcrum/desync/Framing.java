package dev.fulcrum.desync;

/**
 * The rules on what frames the body: the request's Transfer-Encoding and Content-Length headers (look-alikes
 * included, as a lenient engine would count them), gathered header by header and judged once all are known.
 *
 * <p>Findings are ranked in http-desync-guardian's order, which decides between equally severe ones: the version's
 * rules first (they make the others moot), then every Transfer-Encoding finding, every Content-Length finding,
 * then those of a GET or HEAD, then the two together.
 */
final class Framing {

    private int transferEncodings;
    private int chunkedCodings;
    private Classification transferEncoding = Classification.COMPLIANT;

    private int contentLengths;
    private boolean hasLength;
    /** The first valid Content-Length, read as unsigned: values up to 2^64 - 1 are valid. */
    private long length;
    private Classification contentLength = Classification.COMPLIANT;

    /**
     * A Transfer-Encoding value: a comma-separated list of codings, each with optional parameters after a
     * semicolon and optional whitespace around. Only the registered codings are known; chunked must come once.
     */
    void transferEncoding(byte[] b, int from, int to) {
        transferEncodings++;
        int item = from;
        while (true) {
            int comma = indexOf(b, item, to, (byte) ',');
            int codingEnd = indexOf(b, item, comma, (byte) ';');
            int start = RequestLine.trimStart(b, item, codingEnd);
            int end = RequestLine.trimEnd(b, start, codingEnd);
            Coding coding = Coding.of(b, start, end);
            if (coding == Coding.UNKNOWN) {
                raiseTransferEncoding(Reason.BAD_TRANSFER_ENCODING, b, from, to);
            } else if (coding == Coding.CHUNKED && ++chunkedCodings > 1) {
                raiseTransferEncoding(Reason.MULTIPLE_TRANSFER_ENCODING_CHUNKED, b, from, to);
            }
            if (comma == to) {
                return;
            }
            item = comma + 1;
        }
    }

    /** A Content-Length value: one decimal number, with optional whitespace around. */
    void contentLength(byte[] b, int from, int to) {
        contentLengths++;
        int start = RequestLine.trimStart(b, from, to);
        int end = RequestLine.trimEnd(b, start, to);
        long value = 0;
        boolean valid = start < end;
        for (int i = start; valid && i < end; i++) {
            int digit = b[i] - '0';
            // value * 10 + digit must stay below 2^64.
            valid = digit >= 0 && digit <= 9 && Long.compareUnsigned(value, 0x1999_9999_9999_9999L) <= 0
                    && Long.compareUnsigned(value * 10 + digit, value * 10) >= 0;
            value = value * 10 + digit;
        }
        if (!valid) {
            raiseContentLength(Reason.BAD_CONTENT_LENGTH, Detail.quoted("Content-Length ", b, from, to, ""));
        } else if (!hasLength) {
            hasLength = true;
            length = value;
        } else if (value == length) {
            raiseContentLength(Reason.DUPLICATE_CONTENT_LENGTH,
                    "Content-Length " + Long.toUnsignedString(value) + " twice");
        } else {
            raiseContentLength(Reason.MULTIPLE_CONTENT_LENGTH, "Content-Length " + Long.toUnsignedString(value)
                    + " after " + Long.toUnsignedString(length));
        }
    }

    /**
     * The finding on the body's framing. {@code bodilessMethod} is GET or HEAD, whose body has no defined meaning,
     * or null for any other method.
     */
    Classification verdict(RequestLine.Protocol protocol, String bodilessMethod) {
        if (transferEncodings == 0 && contentLengths == 0) {
            return Classification.COMPLIANT;
        }
        if (transferEncodings > 0
                && (protocol == RequestLine.Protocol.HTTP_1_0 || protocol == RequestLine.Protocol.HTTP_0_9)) {
            return Classification.of(Reason.UNDEFINED_TRANSFER_ENCODING_SEMANTICS,
                    versionName(protocol) + " has Transfer-Encoding");
        }
        if (contentLengths > 0 && protocol == RequestLine.Protocol.HTTP_0_9) {
            return Classification.of(Reason.UNDEFINED_CONTENT_LENGTH_SEMANTICS, "HTTP/0.9 has Content-Length");
        }
        Classification verdict = transferEncoding.orWorse(contentLength);
        if (bodilessMethod != null) {
            if (transferEncodings > 0) {
                verdict = verdict.orWorse(Classification.of(Reason.UNDEFINED_TRANSFER_ENCODING_SEMANTICS,
                        bodilessMethod + " has Transfer-Encoding"));
            }
            if (hasLength) {
                verdict = verdict.orWorse(Classification.of(length == 0 ? Reason.GET_HEAD_ZERO_CONTENT_LENGTH
                        : Reason.UNDEFINED_CONTENT_LENGTH_SEMANTICS,
                        bodilessMethod + " has Content-Length: " + Long.toUnsignedString(length)));
            }
        }
        if (hasLength && transferEncodings > 0) {
            verdict = verdict.orWorse(Classification.of(Reason.BOTH_TE_CL_PRESENT,
                    "Transfer-Encoding and Content-Length: " + Long.toUnsignedString(length)));
        }
        return verdict;
    }

    private void raiseTransferEncoding(Reason reason, byte[] b, int from, int to) {
        if (transferEncoding.isRaisedBy(reason)) {
            transferEncoding = Classification.of(reason, Detail.quoted("Transfer-Encoding ", b, from, to, ""));
        }
    }

    private void raiseContentLength(Reason reason, String detail) {
        if (contentLength.isRaisedBy(reason)) {
            contentLength = Classification.of(reason, detail);
        }
    }

    private static String versionName(RequestLine.Protocol protocol) {
        return protocol == RequestLine.Protocol.HTTP_1_0 ? "HTTP/1.0" : "HTTP/0.9";
    }

    private static int indexOf(byte[] b, int from, int to, byte wanted) {
        for (int i = from; i < to; i++) {
            if (b[i] == wanted) {
                return i;
            }
        }
        return to;
    }

    /** The transfer codings a request may use (RFC 9112 section 7, identity as older clients still send it). */
    private enum Coding {
        CHUNKED, OTHER, UNKNOWN;

        private static final byte[][] KNOWN = {HeaderNames.ascii("compress"), HeaderNames.ascii("deflate"),
            HeaderNames.ascii("gzip"), HeaderNames.ascii("identity")};
        private static final byte[] CHUNKED_NAME = HeaderNames.ascii("chunked");

        static Coding of(byte[] b, int from, int to) {
            if (HeaderNames.equalsIgnoreCase(b, from, to, CHUNKED_NAME)) {
                return CHUNKED;
            }
            for (byte[] known : KNOWN) {
                if (HeaderNames.equalsIgnoreCase(b, from, to, known)) {
                    return OTHER;
                }
            }
            return UNKNOWN;
        }
    }
}
