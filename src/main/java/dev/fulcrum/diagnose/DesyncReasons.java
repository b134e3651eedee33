package dev.fulcrum.diagnose;

import java.util.Map;

/** What ALB's desync-mitigation classification reasons mean (http-desync-guardian's codes). */
final class DesyncReasons {

    private static final Map<String, String> MEANINGS = Map.ofEntries(
            Map.entry("NonCompliantHeader", "a header with non-ASCII or control characters"),
            Map.entry("SpaceInUri", "an unescaped space in the URI"),
            Map.entry("NonCompliantVersion", "a malformed or unusual HTTP version"),
            Map.entry("GetHeadZeroContentLength", "GET or HEAD with Content-Length: 0"),
            Map.entry("EmptyHeader", "an empty header line"),
            Map.entry("AmbiguousUri", "control characters in the URI"),
            Map.entry("UndefinedContentLengthSemantics", "a Content-Length on GET or HEAD"),
            Map.entry("UndefinedTransferEncodingSemantics", "a Transfer-Encoding on GET or HEAD"),
            Map.entry("DuplicateContentLength", "Content-Length repeated with the same value"),
            Map.entry("BothTeClPresent", "both Transfer-Encoding and Content-Length"),
            Map.entry("SuspiciousHeader", "a header that looks like Transfer-Encoding or Content-Length"),
            Map.entry("BadHeader", "NUL or CR in a header"),
            Map.entry("BadUri", "NUL, CR or LF in the URI"),
            Map.entry("BadVersion", "a version that is no HTTP version"),
            Map.entry("BadMethod", "a malformed method"),
            Map.entry("MultipleContentLength", "Content-Length headers with different values"),
            Map.entry("BadContentLength", "a Content-Length that is not a number"),
            Map.entry("MultipleTransferEncodingChunked", "chunked given more than once"),
            Map.entry("BadTransferEncoding", "an unknown Transfer-Encoding"));

    private DesyncReasons() {
    }

    static String meaning(String reason) {
        return MEANINGS.getOrDefault(reason, "see the load balancer's desync mitigation documentation");
    }
}
