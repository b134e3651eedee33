package dev.fulcrum.routing;

import java.util.List;

/**
 * {@code http-header}: case-insensitive wildcards against every instance of one header; ALB checks repeated
 * instances in order, so any of them may match.
 */
final class HttpHeaderCondition implements Condition {

    private final String name;
    private final Globs patterns;

    HttpHeaderCondition(String name, List<String> values) {
        this.name = name;
        patterns = Globs.compile(values, Glob::caseInsensitive);
    }

    @Override
    public boolean matches(RequestView request) {
        List<String> values = request.headers(name);
        if (values == null) {
            return false;
        }
        for (int i = 0; i < values.size(); i++) {
            if (patterns.anyMatches(values.get(i))) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return "http-header " + name + ' ' + patterns;
    }
}
