package dev.fulcrum.routing;

/** Host header helpers shared by host-header matching and redirects. */
final class Hosts {

    private Hosts() {
    }

    /**
     * The Host value without its port: {@code example.com:8080} → {@code example.com}, {@code [::1]:8080} →
     * {@code [::1]}. A bare IPv6 address (several colons, no brackets) is not a host with a port, so it is kept.
     */
    static String withoutPort(String host) {
        if (host == null) {
            return null;
        }
        if (host.startsWith("[")) {
            int end = host.indexOf(']');
            return end < 0 ? host : host.substring(0, end + 1);
        }
        int colon = host.indexOf(':');
        return colon >= 0 && colon == host.lastIndexOf(':') ? host.substring(0, colon) : host;
    }
}
