package dev.fulcrum.routing;

import java.net.InetAddress;
import java.util.List;

/**
 * What the router reads of a request. The proxy implements it over its HTTP request; keeping it this small lets
 * routing stay free of any I/O library and lets tests build requests by hand.
 */
public interface RequestView {

    /** The request method as sent, for example {@code GET}. */
    String method();

    /** The value of the first Host header as sent, possibly with {@code :port}; {@code null} when absent. */
    String host();

    /**
     * {@link #host()} without its {@code :port}, as host-header conditions and redirects compare it. Views that
     * serve many rules keep the result, so a listener's rules do not cut the same string again each.
     */
    default String hostWithoutPort() {
        return Hosts.withoutPort(host());
    }

    /** The path as the client sent it, without the query and not percent-decoded. */
    String path();

    /** The raw query without the leading {@code ?}; {@code null} when the URI had no {@code ?}. */
    String query();

    /** Every value of the header {@code name} (case-insensitive), in order; an empty list when absent. */
    List<String> headers(String name);

    /** The address of the client's connection (the peer, never X-Forwarded-For). */
    InetAddress sourceAddress();
}
