package dev.fulcrum.observability;

import io.netty.util.NetUtil;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** How the cloud load balancers spell values in their access logs: times, durations, addresses, quoted text. */
final class LogFields {

    static final String ABSENT = "-";
    private static final DateTimeFormatter MICROS =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);

    private LogFields() {
    }

    /** ISO 8601 in UTC with microseconds: {@code 2018-07-02T22:23:00.186641Z}. */
    static String time(Instant t) {
        return MICROS.format(t);
    }

    /** Seconds with millisecond precision ({@code 0.001}), or {@code -1} for a phase not reached (ALB). */
    static String secondsMillis(long nanos) {
        return nanos < 0 ? "-1" : fixed((nanos + 500_000) / 1_000_000, 3);
    }

    /** Seconds with microsecond precision ({@code 0.000073}), or {@code -1} (Classic Load Balancer). */
    static String secondsMicros(long nanos) {
        return nanos < 0 ? "-1" : fixed((nanos + 500) / 1_000, 6);
    }

    private static String fixed(long units, int digits) {
        long scale = digits == 3 ? 1_000 : 1_000_000;
        String fraction = Long.toString(units % scale);
        return units / scale + "." + "0".repeat(digits - fraction.length()) + fraction;
    }

    /** {@code ip:port}, an IPv6 address in RFC 5952 form without brackets, as ALB writes client:port. */
    static String address(InetSocketAddress a) {
        if (a == null) {
            return ABSENT;
        }
        String ip = a.getAddress() == null ? a.getHostString() : NetUtil.toAddressString(a.getAddress());
        return ip + ":" + a.getPort();
    }

    static String orAbsent(String value) {
        return value == null || value.isEmpty() ? ABSENT : value;
    }

    /** A status as ALB writes it: {@code -} for none, {@code 000} when the balancer sent no response at all. */
    static String status(int status) {
        return status < 0 ? ABSENT : status == 0 ? "000" : Integer.toString(status);
    }

    /**
     * Text for a quoted field: a double quote, a backslash or a control character would break the line (and the
     * Athena expression that reads it), so they are percent-encoded as a URL would have them; so is every byte
     * outside printable ASCII (request text holds one char per byte received, so {@code é} sent as UTF-8 is logged
     * {@code %C3%A9}, and a C1 control such as 0x85, which Java regular expressions take for a line end, cannot
     * split the line).
     */
    static String quotable(String value) {
        String v = orAbsent(value);
        for (int i = 0; i < v.length(); i++) {
            if (needsEncoding(v.charAt(i))) {
                return encode(v);
            }
        }
        return v;
    }

    private static boolean needsEncoding(char c) {
        return c == '"' || c == '\\' || c < 0x20 || c >= 0x7f;
    }

    private static String encode(String v) {
        StringBuilder b = new StringBuilder(v.length() + 8);
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (!needsEncoding(c)) {
                b.append(c);
            } else if (c <= 0xff) {
                appendByte(b, c); // a byte as received
            } else {
                // Text from elsewhere (the configuration): its UTF-8 bytes.
                int codePoint = Character.codePointAt(v, i);
                i += Character.charCount(codePoint) - 1;
                for (byte utf8 : new String(Character.toChars(codePoint)).getBytes(StandardCharsets.UTF_8)) {
                    appendByte(b, utf8 & 0xff);
                }
            }
        }
        return b.toString();
    }

    private static void appendByte(StringBuilder b, int value) {
        b.append('%').append(Character.toUpperCase(Character.forDigit(value >> 4, 16)))
                .append(Character.toUpperCase(Character.forDigit(value & 0xf, 16)));
    }

    /**
     * The {@code "request"} field: {@code METHOD scheme://host:port/path?query HTTP/x.y}, the URI as the client sent
     * it; {@code - - -} when no request could be parsed (Athena reads three dashes: verb, URL, protocol).
     */
    static String request(ExchangeRecord r, String scheme) {
        if (r.method() == null || r.uri() == null) {
            return "- - -";
        }
        // A space inside the target (which the desync classifier may let through) would split the field for every
        // tool that reads the request as three words: it is written %20, as other odd bytes are (see quotable).
        String uri = r.uri().indexOf(' ') >= 0 ? r.uri().replace(" ", "%20") : r.uri();
        // Origin form (/path?query) becomes a full URL; absolute, authority (CONNECT) and asterisk (OPTIONS *)
        // forms are logged as the client sent them.
        String url = uri.startsWith("/") ? scheme + "://" + hostWithoutPort(r.host()) + ":" + r.listenerPort() + uri
                : uri;
        return r.method() + " " + url + " " + orAbsent(r.protocol());
    }

    private static String hostWithoutPort(String host) {
        if (host == null || host.isEmpty()) {
            return ABSENT;
        }
        int close = host.lastIndexOf(']');
        int colon = host.lastIndexOf(':');
        if (host.startsWith("[")) {
            return close > 0 ? host.substring(0, close + 1) : host;
        }
        return colon >= 0 && host.indexOf(':') == colon ? host.substring(0, colon) : host;
    }

    /** The scheme of the request URL: {@code ws} is a WebSocket over {@code http}. */
    static String scheme(String type) {
        return switch (type) {
            case "ws" -> "http";
            case "wss", "h2", "grpcs" -> "https";
            default -> type;
        };
    }
}
