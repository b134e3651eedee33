package dev.fulcrum.routing;

import java.util.List;

/** {@code host-header}: case-insensitive wildcards against the Host value without its port. */
final class HostHeaderCondition implements Condition {

    private final Globs patterns;

    HostHeaderCondition(List<String> values) {
        patterns = Globs.compile(values, Glob::caseInsensitive);
    }

    @Override
    public boolean matches(RequestView request) {
        return patterns.anyMatches(request.hostWithoutPort());
    }

    @Override
    public String toString() {
        return "host-header " + patterns;
    }
}
