package dev.fulcrum.proxy;

import dev.fulcrum.config.LoadBalancerAttributes;
import dev.fulcrum.core.LbError;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What the load balancer refuses in a request head before routing it, in this order: the version (505; then the
 * desync mitigation mode has its say, in the exchange), TRACE (405) and CONNECT (400), the request target's form
 * and the Host header (400), header sizes (400), the body limit (413), X-Forwarded-For (463); the body's framing
 * (400, 501) is the decoder's ({@code RequestFraming}), read before these. Each rule answers with its catalog
 * entry; nothing is repaired silently. Bytes inside the target (a space, a control byte) are the classifier's to
 * judge: what is forwarded is percent-encoded.
 */
public final class RequestChecks {

    /** ALB's limits: request line 16 KiB, one header 16 KiB, all headers 64 KiB. */
    public static final int MAX_REQUEST_LINE_BYTES = 16 * 1024;
    public static final int MAX_HEADER_BYTES = 16 * 1024;
    public static final int MAX_HEADERS_BYTES = 64 * 1024;

    private RequestChecks() {
    }

    /**
     * The first refusal of a request head, in the README's order: the version (505), then the desync mitigation mode
     * ({@code blocked}: 400 DesyncMitigationBlocked), then {@link #check}; {@code null} when it may be routed.
     */
    static LbError refusal(HttpRequest request, boolean blocked, LoadBalancerAttributes attributes) {
        LbError version = versionError(request);
        if (version != null) {
            return version;
        }
        return blocked ? LbError.DESYNC_MITIGATION_BLOCKED : check(request, attributes);
    }

    /** 505 for a version this listener does not speak (checked before the desync mitigation mode). */
    static LbError versionError(HttpRequest request) {
        HttpVersion version = request.protocolVersion();
        return version.majorVersion() != 1 || version.minorVersion() > 1 ? LbError.HTTP_VERSION_NOT_SUPPORTED : null;
    }

    /** The error for a decoded request head of a version this listener speaks, or {@code null} when it may be routed. */
    static LbError check(HttpRequest request, LoadBalancerAttributes attributes) {
        HttpVersion version = request.protocolVersion();
        HttpMethod method = request.method();
        if (HttpMethod.TRACE.equals(method)) {
            return LbError.TRACE_NOT_ALLOWED;
        }
        if (HttpMethod.CONNECT.equals(method)) {
            return LbError.CONNECT_NOT_SUPPORTED; // CLB answers 400 too; forwarding it would turn a pooled connection into a tunnel
        }
        if (!isValidTarget(request.uri(), method)) {
            return LbError.REQUEST_MALFORMED;
        }
        if (!hasValidHost(request.headers(), version)) {
            return LbError.INVALID_HOST_HEADER;
        }
        for (Map.Entry<String, String> h : request.headers()) {
            if (h.getKey().length() + 2 + h.getValue().length() > MAX_HEADER_BYTES) {
                return LbError.REQUEST_HEADER_TOO_LARGE;
            }
        }
        long max = attributes.maxRequestBodyBytes();
        if (max > 0 && HttpUtil.getContentLength(request, -1L) > max) {
            return LbError.REQUEST_BODY_TOO_LARGE;
        }
        if (ForwardedHeaders.xffAddressCount(request.headers()) > ForwardedHeaders.MAX_XFF_ADDRESSES) {
            return LbError.XFF_TOO_MANY_ADDRESSES;
        }
        return null;
    }

    /**
     * The request target's form (RFC 9112 section 3.2): origin form ({@code /path}), absolute form for http and
     * https, or {@code *} for OPTIONS. CONNECT's authority form is refused before. What bytes it holds is the
     * classifier's to judge (a NUL is Severe, a tab Ambiguous, a space Acceptable); forwarded, they are
     * percent-encoded, so a target never reads another path than the rules saw.
     */
    static boolean isValidTarget(String uri, HttpMethod method) {
        if (uri.isEmpty()) {
            return false;
        }
        char first = uri.charAt(0);
        if (first == '/') {
            return true;
        }
        if (uri.equals("*")) {
            return HttpMethod.OPTIONS.equals(method);
        }
        String lower = uri.length() > 8 ? uri.substring(0, 8).toLowerCase(Locale.ROOT) : uri.toLowerCase(Locale.ROOT);
        return lower.startsWith("http://") || lower.startsWith("https://");
    }

    /**
     * One Host header, as RFC 9112 section 3.2 requires of HTTP/1.1 (HTTP/1.0 may leave it out), whose value is
     * {@code host[:port]}: a reg-name, an IPv4 address or a bracketed IPv6 address. A second Host header would let
     * the rules and the target read different hosts.
     */
    static boolean hasValidHost(HttpHeaders headers, HttpVersion version) {
        List<String> hosts = headers.getAll(HttpHeaderNames.HOST);
        if (hosts.size() > 1 || hosts.isEmpty() && version.minorVersion() >= 1) {
            return false;
        }
        return hosts.isEmpty() || isValidHost(hosts.get(0));
    }

    static boolean isValidHost(String host) {
        int n = host.length();
        int i;
        if (n > 0 && host.charAt(0) == '[') {
            int close = host.indexOf(']');
            if (close < 2) {
                return false;
            }
            for (int j = 1; j < close; j++) {
                char c = host.charAt(j);
                if (!(Character.digit(c, 16) >= 0 && c < 0x80 || c == ':' || c == '.')) {
                    return false;
                }
            }
            i = close + 1;
        } else {
            i = 0;
            while (i < n && host.charAt(i) != ':') {
                if (!isRegNameChar(host.charAt(i))) {
                    return false;
                }
                i++;
            }
            if (i == 0) {
                return false; // an empty host: an http URI must have one (RFC 9110 section 4.2.1)
            }
        }
        if (i == n) {
            return true;
        }
        if (host.charAt(i) != ':' || n - i - 1 > 5) {
            return false;
        }
        for (int j = i + 1; j < n; j++) {
            if (host.charAt(j) < '0' || host.charAt(j) > '9') {
                return false;
            }
        }
        return true;
    }

    /** unreserved, sub-delims and {@code %} of pct-encoded (RFC 3986 section 3.2.2). */
    private static boolean isRegNameChar(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
                || "-._~!$&'()*+,;=%".indexOf(c) >= 0;
    }

    /** {@code HTTP/} and a number, as a client writes a version (case-insensitive, as Netty reads it). */
    public static boolean isVersionToken(String token) {
        if (token.length() < 6 || !token.regionMatches(true, 0, "HTTP/", 0, 5)) {
            return false;
        }
        int dots = 0;
        for (int i = 5; i < token.length(); i++) {
            char c = token.charAt(i);
            if (c == '.') {
                dots++;
                if (dots > 1 || i == 5 || i == token.length() - 1) {
                    return false;
                }
            } else if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    /** {@code HTTP/d.d}: the only versions HTTP/1.x's decoder represents (RFC 9110 section 2.5). */
    public static boolean isSingleDigitVersion(String token) {
        return token.length() == 8 && token.charAt(6) == '.';
    }
}
