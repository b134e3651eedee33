package dev.fulcrum.proxy;

import dev.fulcrum.routing.RequestView;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import java.net.InetAddress;
import java.util.List;

/**
 * What the router sees of a Netty request: the URI split once into path and query; for an absolute-form URI
 * ({@code GET http://host/x HTTP/1.1}) the URI's authority stands in for the Host header, as ALB does.
 */
final class HttpRequestView implements RequestView {

    private final HttpRequest request;
    private final InetAddress source;
    private final String path;
    private final String query;
    private final String host;
    /** {@link #host()} without its port, worked out on first use (every host-header rule asks). */
    private String hostWithoutPort;
    private final boolean absoluteForm;

    HttpRequestView(HttpRequest request, InetAddress source) {
        this.request = request;
        this.source = source;
        String uri = request.uri();
        int start = 0;
        String authority = null;
        int scheme = uri.indexOf("://");
        if (scheme > 0 && uri.charAt(0) != '/') {
            int authorityStart = scheme + 3;
            int pathStart = indexOfAny(uri, authorityStart);
            authority = uri.substring(authorityStart, pathStart);
            start = pathStart;
        }
        this.absoluteForm = authority != null;
        int q = uri.indexOf('?', start);
        int end = q >= 0 ? q : uri.length();
        String p = uri.substring(start, end);
        this.path = p.isEmpty() ? "/" : p;
        this.query = q >= 0 ? uri.substring(q + 1) : null;
        this.host = authority != null ? authority : request.headers().get(HttpHeaderNames.HOST);
    }

    private static int indexOfAny(String uri, int from) {
        for (int i = from; i < uri.length(); i++) {
            char c = uri.charAt(i);
            if (c == '/' || c == '?') {
                return i;
            }
        }
        return uri.length();
    }

    @Override
    public String method() {
        return request.method().name();
    }

    @Override
    public String host() {
        return host;
    }

    @Override
    public String hostWithoutPort() {
        String h = hostWithoutPort;
        if (h == null && host != null) {
            h = RequestView.super.hostWithoutPort();
            hostWithoutPort = h;
        }
        return h;
    }

    @Override
    public String path() {
        return path;
    }

    @Override
    public String query() {
        return query;
    }

    @Override
    public List<String> headers(String name) {
        return request.headers().getAll(name);
    }

    @Override
    public InetAddress sourceAddress() {
        return source;
    }

    boolean absoluteForm() {
        return absoluteForm;
    }

    /**
     * The origin-form request target for the target: path and query, whatever form the client used, with every
     * byte outside visible ASCII percent-encoded (a space, a control byte, raw UTF-8): a target reads the same
     * bytes the rules saw, never a byte it could take for the end of the target or of the line.
     */
    String originForm() {
        String target = query == null ? path : path + "?" + query;
        for (int i = 0; i < target.length(); i++) {
            char c = target.charAt(i);
            if (c <= ' ' || c >= 0x7f) {
                return percentEncoded(target);
            }
        }
        return target;
    }

    private static String percentEncoded(String target) {
        StringBuilder b = new StringBuilder(target.length() + 16);
        for (int i = 0; i < target.length(); i++) {
            char c = target.charAt(i);
            if (c <= ' ' || c >= 0x7f) {
                int v = c & 0xff; // one char per byte received
                b.append('%').append(Character.toUpperCase(Character.forDigit(v >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(v & 0xf, 16)));
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }
}
