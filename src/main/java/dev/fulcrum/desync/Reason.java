package dev.fulcrum.desync;

/**
 * Why a request head got its tier: the access log's {@code classification_reason} codes, each with the tier it
 * gives. The first group is the table ALB documents; the second is what only a parser of the raw head can see
 * (line ends, folding, missing parts), which http-desync-guardian reports too.
 */
public enum Reason {
    /** Nothing found: the reason of a compliant request. */
    NONE("-", Tier.COMPLIANT, "Nothing to report."),

    NON_COMPLIANT_HEADER("NonCompliantHeader", Tier.ACCEPTABLE,
            "A header name has a byte that is not a token character, or a value a control character."),
    SPACE_IN_URI("SpaceInUri", Tier.ACCEPTABLE, "The request target has an unescaped space."),
    NON_COMPLIANT_VERSION("NonCompliantVersion", Tier.ACCEPTABLE,
            "The version is HTTP/0.9 or missing, HTTP/1.2 to HTTP/1.9, or has spaces around it."),
    GET_HEAD_ZERO_CONTENT_LENGTH("GetHeadZeroContentLength", Tier.ACCEPTABLE,
            "A GET or HEAD request has Content-Length: 0."),
    EMPTY_HEADER("EmptyHeader", Tier.AMBIGUOUS,
            "A header name is empty, only spaces and tabs, or starts with a colon."),
    AMBIGUOUS_URI("AmbiguousUri", Tier.AMBIGUOUS, "The request target has a control character such as a tab."),
    UNDEFINED_CONTENT_LENGTH_SEMANTICS("UndefinedContentLengthSemantics", Tier.AMBIGUOUS,
            "A GET or HEAD request has a non-zero Content-Length, or an HTTP/0.9 request has one at all."),
    UNDEFINED_TRANSFER_ENCODING_SEMANTICS("UndefinedTransferEncodingSemantics", Tier.AMBIGUOUS,
            "A GET or HEAD request, or an HTTP/1.0 or HTTP/0.9 request, has Transfer-Encoding."),
    DUPLICATE_CONTENT_LENGTH("DuplicateContentLength", Tier.AMBIGUOUS,
            "Content-Length comes more than once with the same value."),
    BOTH_TE_CL_PRESENT("BothTeClPresent", Tier.AMBIGUOUS, "The request has both Transfer-Encoding and Content-Length."),
    SUSPICIOUS_HEADER("SuspiciousHeader", Tier.AMBIGUOUS,
            "A header name that a lenient server could read as Transfer-Encoding or Content-Length."),
    BAD_HEADER("BadHeader", Tier.SEVERE, "A header name or value has a NUL, CR or LF."),
    BAD_URI("BadUri", Tier.SEVERE, "The request target has a NUL, CR or LF."),
    BAD_VERSION("BadVersion", Tier.SEVERE, "The version is not HTTP/1.x or HTTP/0.9."),
    BAD_METHOD("BadMethod", Tier.SEVERE, "The method is empty or has a byte that is not a token character."),
    MULTIPLE_CONTENT_LENGTH("MultipleContentLength", Tier.SEVERE, "Content-Length comes with different values."),
    BAD_CONTENT_LENGTH("BadContentLength", Tier.SEVERE,
            "A Content-Length value is not one decimal number below 2^64."),
    MULTIPLE_TRANSFER_ENCODING_CHUNKED("MultipleTransferEncodingChunked", Tier.SEVERE,
            "Transfer-Encoding names chunked more than once."),
    BAD_TRANSFER_ENCODING("BadTransferEncoding", Tier.SEVERE,
            "Transfer-Encoding names a coding other than chunked, compress, deflate, gzip or identity."),

    NON_CR_LF_LINE_TERMINATION("NonCrLfLineTermination", Tier.ACCEPTABLE, "A line of the head ends in LF, not CRLF."),
    MULTILINE_HEADER("MultilineHeader", Tier.AMBIGUOUS,
            "A line starts with a space or tab: a folded header value (obs-fold) or a hidden header."),
    PARTIAL_HEADER_LINE("PartialHeaderLine", Tier.AMBIGUOUS, "The head ends inside a line."),
    MISSING_LAST_EMPTY_LINE("MissingLastEmptyLine", Tier.AMBIGUOUS,
            "The head ends without the empty line that closes it."),
    MISSING_HEADER_COLON("MissingHeaderColon", Tier.AMBIGUOUS, "A header line has no colon."),
    MISSING_URI("MissingUri", Tier.AMBIGUOUS, "The request line has no request target.");

    private final String code;
    private final Tier tier;
    private final String meaning;

    Reason(String code, Tier tier, String meaning) {
        this.code = code;
        this.tier = tier;
        this.meaning = meaning;
    }

    /** The access log's {@code classification_reason} field: {@code -} for {@link #NONE}. */
    public String code() {
        return code;
    }

    /** The tier this reason gives a request. */
    public Tier tier() {
        return tier;
    }

    /** What the reason means, in one sentence. */
    public String meaning() {
        return meaning;
    }
}
