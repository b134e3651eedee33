package dev.fulcrum.proxy;

import dev.fulcrum.config.LoadBalancerAttributes;
import dev.fulcrum.core.ClientCertificate;
import dev.fulcrum.core.TlsSession;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.AsciiString;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The header changes ALB makes between client and target: hop-by-hop headers removed, X-Forwarded-For /
 * -Proto / -Port, X-Amzn-Trace-Id, and Host as {@code routing.http.preserve_host_header.enabled} describes.
 * Headers are changed in place on the decoded request: no copy on the hot path.
 */
final class ForwardedHeaders {

    static final AsciiString X_FORWARDED_FOR = AsciiString.cached("x-forwarded-for");
    static final AsciiString X_FORWARDED_PROTO = AsciiString.cached("x-forwarded-proto");
    static final AsciiString X_FORWARDED_PORT = AsciiString.cached("x-forwarded-port");
    static final AsciiString X_AMZN_TRACE_ID = AsciiString.cached("x-amzn-trace-id");
    static final AsciiString X_AMZN_TLS_VERSION = AsciiString.cached("x-amzn-tls-version");
    static final AsciiString X_AMZN_TLS_CIPHER_SUITE = AsciiString.cached("x-amzn-tls-cipher-suite");
    static final AsciiString X_AMZN_MTLS_CLIENTCERT = AsciiString.cached("x-amzn-mtls-clientcert");
    static final AsciiString X_AMZN_MTLS_SERIAL = AsciiString.cached("x-amzn-mtls-clientcert-serial-number");
    static final AsciiString X_AMZN_MTLS_ISSUER = AsciiString.cached("x-amzn-mtls-clientcert-issuer");
    static final AsciiString X_AMZN_MTLS_SUBJECT = AsciiString.cached("x-amzn-mtls-clientcert-subject");
    static final AsciiString X_AMZN_MTLS_VALIDITY = AsciiString.cached("x-amzn-mtls-clientcert-validity");
    static final AsciiString X_AMZN_MTLS_LEAF = AsciiString.cached("x-amzn-mtls-clientcert-leaf");
    private static final List<AsciiString> MTLS_HEADERS = List.of(X_AMZN_MTLS_CLIENTCERT, X_AMZN_MTLS_SERIAL,
            X_AMZN_MTLS_ISSUER, X_AMZN_MTLS_SUBJECT, X_AMZN_MTLS_VALIDITY, X_AMZN_MTLS_LEAF);
    static final AsciiString PROXY_CONNECTION = AsciiString.cached("proxy-connection");
    static final AsciiString KEEP_ALIVE = AsciiString.cached("keep-alive");
    /** ALB's limit on addresses in an incoming X-Forwarded-For (more is HTTP 463). */
    static final int MAX_XFF_ADDRESSES = 30;

    private static final List<AsciiString> HOP_BY_HOP = List.of(HttpHeaderNames.CONNECTION,
            KEEP_ALIVE, PROXY_CONNECTION, HttpHeaderNames.TE, HttpHeaderNames.TRAILER,
            HttpHeaderNames.UPGRADE);

    private ForwardedHeaders() {
    }

    /** True for a WebSocket upgrade request ({@code Connection: upgrade} and {@code Upgrade: websocket}). */
    static boolean isWebSocketUpgrade(HttpRequest request) {
        HttpHeaders h = request.headers();
        return h.containsValue(HttpHeaderNames.CONNECTION, HttpHeaderValues.UPGRADE, true)
                && h.contains(HttpHeaderNames.UPGRADE, HttpHeaderValues.WEBSOCKET, true);
    }

    /** Number of addresses in every X-Forwarded-For header of the request. */
    static int xffAddressCount(HttpHeaders headers) {
        int count = 0;
        for (String value : headers.getAll(X_FORWARDED_FOR)) {
            for (String part : value.split(",")) {
                if (!part.isBlank()) {
                    count++;
                }
            }
        }
        return count;
    }

    /**
     * Turns the client's request into the one sent to the target, in place.
     *
     * @param clientAddress {@link ClientStream#addressText} of {@code client} (the same for every request of a connection)
     * @param tls the client's TLS session, {@code null} without TLS
     * @param traceHeader the X-Amzn-Trace-Id value to send
     */
    /** @return how many header fields {@code routing.http.drop_invalid_header_fields.enabled} removed */
    static int rewriteRequest(HttpRequest request, HttpRequestView view, InetSocketAddress client,
            String clientAddress, TlsSession tls, LoadBalancerAttributes attributes, String scheme, int listenerPort,
            String traceHeader, boolean webSocket) {
        HttpHeaders h = request.headers();
        int dropped = attributes.dropInvalidHeaderFields() ? removeInvalidNames(h) : 0;
        removeHopByHop(h, webSocket);
        if (webSocket) {
            h.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.UPGRADE);
        }
        switch (attributes.xffMode()) {
            case APPEND -> appendXff(h, client, clientAddress, attributes.xffClientPort());
            case REMOVE -> h.remove(X_FORWARDED_FOR);
            case PRESERVE -> { }
        }
        h.set(X_FORWARDED_PROTO, scheme);
        h.set(X_FORWARDED_PORT, Integer.toString(listenerPort));
        h.set(X_AMZN_TRACE_ID, traceHeader);
        if (attributes.tlsHeaders() && tls != null) {
            // ALB's values (TLSv1.2, OpenSSL's cipher names), in place of any the client sent
            h.set(X_AMZN_TLS_VERSION, tls.protocol());
            h.set(X_AMZN_TLS_CIPHER_SUITE, tls.cipher());
        }
        if (tls != null && tls.mutualTls()) {
            clientCertificate(h, tls.clientCertificate());
        }
        if (!attributes.preserveHostHeader()) {
            String host = targetHost(view.host(), scheme, listenerPort);
            if (host != null) {
                h.set(HttpHeaderNames.HOST, host);
            }
        }
        request.setUri(view.originForm());
        request.setProtocolVersion(HttpVersion.HTTP_1_1);
        return dropped;
    }

    /**
     * Mutual TLS, as ALB tells targets: in passthrough the client's chain, URL-encoded PEM; in verify the leaf's
     * serial number, issuer, subject, validity and PEM. A client's own headers of those names never pass.
     */
    private static void clientCertificate(HttpHeaders h, ClientCertificate c) {
        MTLS_HEADERS.forEach(h::remove);
        if (c == null) {
            return; // passthrough without a client certificate
        }
        if (!c.verified()) {
            h.set(X_AMZN_MTLS_CLIENTCERT, c.chainUrlEncoded());
            return;
        }
        h.set(X_AMZN_MTLS_SERIAL, c.serialNumber());
        h.set(X_AMZN_MTLS_ISSUER, c.issuer());
        h.set(X_AMZN_MTLS_SUBJECT, c.subject());
        h.set(X_AMZN_MTLS_VALIDITY, c.validity());
        h.set(X_AMZN_MTLS_LEAF, c.leafUrlEncoded());
    }

    /**
     * {@code routing.http.drop_invalid_header_fields.enabled}: removes the headers whose names are not
     * {@code [-A-Za-z0-9]+}, as ALB does (e.g. {@code X_Forwarded_For}, which a target might read as
     * X-Forwarded-For).
     */
    static int removeInvalidNames(HttpHeaders h) {
        List<String> invalid = null;
        for (Iterator<Map.Entry<CharSequence, CharSequence>> it = h.iteratorCharSequence(); it.hasNext(); ) {
            CharSequence name = it.next().getKey();
            if (!isValidName(name)) {
                if (invalid == null) {
                    invalid = new ArrayList<>(2);
                }
                invalid.add(name.toString());
            }
        }
        if (invalid == null) {
            return 0;
        }
        int before = h.size();
        invalid.forEach(h::remove);
        return before - h.size();
    }

    private static boolean isValidName(CharSequence name) {
        if (name.length() == 0) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-')) {
                return false;
            }
        }
        return true;
    }

    /** Removes hop-by-hop headers from a response; keeps Upgrade/Connection of a 101. */
    static void sanitizeResponse(HttpResponse response) {
        removeHopByHop(response.headers(), response.status().code() == 101);
    }

    /**
     * ALB's Host rewrite: a default listener port (80 for http, 443 for https) is stripped from Host; on any
     * other listener port, a Host without a port gets the listener's port.
     */
    static String targetHost(String host, String scheme, int listenerPort) {
        if (host == null || host.isEmpty()) {
            return null;
        }
        int colon = portSeparator(host);
        boolean defaultPort = listenerPort == ("https".equals(scheme) ? 443 : 80);
        if (colon < 0) {
            return defaultPort ? host : host + ":" + listenerPort;
        }
        if (defaultPort && host.substring(colon + 1).equals(Integer.toString(listenerPort))) {
            return host.substring(0, colon);
        }
        return host;
    }

    /** Index of the ':' before a port in a Host value ({@code [v6]:port} aware), or -1. */
    static int portSeparator(String host) {
        int colon = host.lastIndexOf(':');
        if (colon < 0) {
            return -1;
        }
        int bracket = host.lastIndexOf(']');
        if (host.startsWith("[") && bracket > colon) {
            return -1;
        }
        if (!host.startsWith("[") && host.indexOf(':') != colon) {
            return -1; // a bare IPv6 literal
        }
        return colon;
    }

    private static void removeHopByHop(HttpHeaders h, boolean keepUpgrade) {
        for (String value : h.getAll(HttpHeaderNames.CONNECTION)) {
            if (value.indexOf(',') < 0) {
                removeNamed(h, value.strip(), keepUpgrade); // the common "keep-alive" or "close": no split
                continue;
            }
            for (String token : value.split(",")) {
                removeNamed(h, token.strip(), keepUpgrade);
            }
        }
        for (AsciiString name : HOP_BY_HOP) {
            if (keepUpgrade && (name == HttpHeaderNames.UPGRADE || name == HttpHeaderNames.CONNECTION)) {
                continue;
            }
            h.remove(name);
        }
    }

    /** Removes the header a Connection token names, unless it is a protected one. */
    private static void removeNamed(HttpHeaders h, String name, boolean keepUpgrade) {
        if (!name.isEmpty() && !isProtected(name) && !(keepUpgrade && name.equalsIgnoreCase("upgrade"))) {
            h.remove(name);
        }
    }

    /** A Connection header may not make us drop framing or routing headers. */
    private static boolean isProtected(String name) {
        return HttpHeaderNames.HOST.contentEqualsIgnoreCase(name)
                || HttpHeaderNames.CONTENT_LENGTH.contentEqualsIgnoreCase(name)
                || HttpHeaderNames.TRANSFER_ENCODING.contentEqualsIgnoreCase(name);
    }

    /** @param address {@link ClientConnection#addressText} of {@code client}, worked out once per connection */
    private static void appendXff(HttpHeaders h, InetSocketAddress client, String address, boolean withPort) {
        String hop;
        if (withPort) {
            hop = client.getAddress() instanceof Inet6Address
                    ? "[" + address + "]:" + client.getPort()
                    : address + ":" + client.getPort();
        } else {
            hop = address;
        }
        List<String> existing = h.getAll(X_FORWARDED_FOR);
        if (existing.isEmpty()) {
            h.set(X_FORWARDED_FOR, hop);
        } else {
            h.set(X_FORWARDED_FOR, String.join(", ", existing) + ", " + hop);
        }
    }
}
