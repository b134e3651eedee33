package dev.fulcrum.routing;

import java.util.List;

/** {@code path-pattern}: case-sensitive wildcards against the path as sent, without the query. */
final class PathPatternCondition implements Condition {

    private final Globs patterns;

    PathPatternCondition(List<String> values) {
        patterns = Globs.compile(values, Glob::caseSensitive);
    }

    @Override
    public boolean matches(RequestView request) {
        return patterns.anyMatches(request.path());
    }

    @Override
    public String toString() {
        return "path-pattern " + patterns;
    }
}
