package dev.fulcrum.desync;

/**
 * One request head's findings as its parts come in: the request line, then each header, then the verdict. Both
 * entry points feed it, the raw parser with what only it can see besides ({@link #parsing}).
 *
 * <p>The verdict is the first of the most severe findings in http-desync-guardian's order, which decides between
 * equally severe ones: the raw parser's, the headers' one by one, the body framing's, then the request line's
 * (method, version, target).
 */
final class Analysis {

    private static final byte[] GET = HeaderNames.ascii("GET");
    private static final byte[] HEAD = HeaderNames.ascii("HEAD");

    private Classification parsing = Classification.COMPLIANT;
    private Classification headers = Classification.COMPLIANT;
    private Classification requestLine = Classification.COMPLIANT;
    private final Framing framing = new Framing();
    private RequestLine.Protocol protocol = RequestLine.Protocol.HTTP_1_1;
    private String bodilessMethod;

    void requestLine(byte[] b, int methodFrom, int methodTo, int uriFrom, int uriTo, int versionFrom,
            int versionTo) {
        protocol = RequestLine.protocol(b, versionFrom, versionTo);
        bodilessMethod = is(b, methodFrom, methodTo, GET) ? "GET" : is(b, methodFrom, methodTo, HEAD) ? "HEAD" : null;
        requestLine = RequestLine.method(b, methodFrom, methodTo)
                .orWorse(RequestLine.version(b, versionFrom, versionTo))
                .orWorse(RequestLine.uri(b, uriFrom, uriTo));
    }

    /**
     * One header, name {@code b[nameFrom, nameTo)} and value {@code b[valueFrom, valueTo)} exactly as received
     * (the value with its surrounding whitespace), with the OR of their bytes' classes. Its own worst finding is
     * worked out first, so that one detail at most is built for it.
     */
    void header(byte[] b, int nameFrom, int nameTo, int nameMask, int valueFrom, int valueTo, int valueMask) {
        boolean bad = ((nameMask | valueMask) & ByteClass.FORBIDDEN) != 0;
        Reason found = bad ? Reason.BAD_HEADER
                : (nameMask & ByteClass.NOT_TOKEN) != 0 || (valueMask & ByteClass.NOT_FIELD) != 0
                        ? Reason.NON_COMPLIANT_HEADER : Reason.NONE;
        String resembled = null;
        switch (HeaderNames.kind(b, nameFrom, nameTo, nameMask)) {
            case CONTENT_LENGTH -> framing.contentLength(b, valueFrom, valueTo);
            case TRANSFER_ENCODING -> framing.transferEncoding(b, valueFrom, valueTo);
            case LIKE_CONTENT_LENGTH -> {
                // A header already bad is reported as such; otherwise it counts as what a lenient engine sees.
                if (!bad) {
                    found = Reason.SUSPICIOUS_HEADER;
                    resembled = " looks like Content-Length";
                    framing.contentLength(b, valueFrom, valueTo);
                }
            }
            case LIKE_TRANSFER_ENCODING -> {
                if (!bad) {
                    found = Reason.SUSPICIOUS_HEADER;
                    resembled = " looks like Transfer-Encoding";
                    framing.transferEncoding(b, valueFrom, valueTo);
                }
            }
            case EMPTY -> found = bad ? found : Reason.EMPTY_HEADER;
            case OTHER -> {
            }
        }
        if (headers.isRaisedBy(found)) {
            headers = Classification.of(found, Detail.quoted("header ", b, nameFrom, nameTo,
                    resembled == null ? "" : resembled));
        }
    }

    /** A finding of the raw parser about {@code b[from, to)}, called {@code what}; its detail is built if it counts. */
    void parsing(Reason reason, byte[] b, int from, int to, String what) {
        if (parsing.isRaisedBy(reason)) {
            parsing = Classification.of(reason, Detail.quoted(what + " ", b, from, to, ""));
        }
    }

    /** Whether a finding of the raw parser would count: callers that report one per line ask first. */
    boolean isParsingRaisedBy(Reason reason) {
        return parsing.isRaisedBy(reason);
    }

    /** A finding of the raw parser with its detail. */
    void parsing(Reason reason, String detail) {
        if (parsing.isRaisedBy(reason)) {
            parsing = Classification.of(reason, detail);
        }
    }

    Classification verdict() {
        if (protocol == RequestLine.Protocol.LATER) {
            return Classification.COMPLIANT;
        }
        return parsing.orWorse(headers).orWorse(framing.verdict(protocol, bodilessMethod)).orWorse(requestLine);
    }

    private static boolean is(byte[] b, int from, int to, byte[] exactly) {
        if (to - from != exactly.length) {
            return false;
        }
        for (int i = 0; i < exactly.length; i++) {
            if (b[from + i] != exactly[i]) {
                return false;
            }
        }
        return true;
    }
}
