package dev.fulcrum.routing;

import java.util.List;
import java.util.Set;

/**
 * {@code http-request-method}: case-sensitive, exact. ALB routes GET and HEAD requests the same way, so both sides
 * treat HEAD as GET: a GET condition takes HEAD requests and a HEAD condition takes GET requests.
 */
final class HttpRequestMethodCondition implements Condition {

    private final Set<String> methods;

    HttpRequestMethodCondition(List<String> values) {
        methods = Set.copyOf(values.stream().map(HttpRequestMethodCondition::routedAs).toList());
    }

    private static String routedAs(String method) {
        return "HEAD".equals(method) ? "GET" : method;
    }

    @Override
    public boolean matches(RequestView request) {
        String method = request.method();
        return method != null && methods.contains(routedAs(method));
    }

    @Override
    public String toString() {
        return "http-request-method " + methods;
    }
}
