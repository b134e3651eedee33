package dev.fulcrum.routing;

import dev.fulcrum.config.ConditionConfig.KeyValue;
import java.util.List;

/**
 * {@code query-string}: any configured pair matches when some decoded parameter matches its key (when given) and
 * its value, case-insensitively with wildcards; {@code \*} and {@code \?} are literal.
 */
final class QueryStringCondition implements Condition {

    private final Pair[] pairs;

    QueryStringCondition(List<KeyValue> values) {
        pairs = values.stream().map(Pair::compile).toArray(Pair[]::new);
    }

    @Override
    public boolean matches(RequestView request) {
        List<QueryParameters.Parameter> parameters = QueryParameters.parse(request.query());
        for (int i = 0; i < parameters.size(); i++) {
            QueryParameters.Parameter parameter = parameters.get(i);
            for (Pair pair : pairs) {
                if (pair.matches(parameter)) {
                    return true;
                }
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return "query-string " + List.of(pairs);
    }

    /** A compiled key/value pair; a {@code null} key matches any parameter's key. */
    private record Pair(Glob key, Glob value) {

        static Pair compile(KeyValue config) {
            return new Pair(config.key() == null ? null : Glob.caseInsensitiveWithEscapes(config.key()),
                    Glob.caseInsensitiveWithEscapes(config.value()));
        }

        boolean matches(QueryParameters.Parameter parameter) {
            return (key == null || key.matches(parameter.key())) && value.matches(parameter.value());
        }

        @Override
        public String toString() {
            return key == null ? String.valueOf(value) : key + "=" + value;
        }
    }
}
