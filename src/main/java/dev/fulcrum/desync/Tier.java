package dev.fulcrum.desync;

/**
 * How risky a request head is, from none to a likely desync attempt. The order matters: a later tier is more
 * severe, and a request takes the most severe tier of its findings. What a listener does with each tier depends on
 * its desync mitigation mode (monitor, defensive, strictest).
 */
public enum Tier {
    /** RFC 7230 compliant, no known risk. */
    COMPLIANT("-"),
    /** Not compliant, but no known risk: a bare LF line end, a space in the URI, HTTP/1.2. */
    ACCEPTABLE("Acceptable"),
    /** Servers and proxies may disagree on where the request ends: both Transfer-Encoding and Content-Length. */
    AMBIGUOUS("Ambiguous"),
    /** Malformed or crafted to desync: two different Content-Length values, a CR inside a header. */
    SEVERE("Severe");

    private final String logValue;

    Tier(String logValue) {
        this.logValue = logValue;
    }

    /** The access log's {@code classification} field: {@code -} for a compliant request. */
    public String logValue() {
        return logValue;
    }

    public boolean isMoreSevereThan(Tier other) {
        return compareTo(other) > 0;
    }
}
