package dev.fulcrum.routing;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** A hand-built {@link RequestView}: {@code GET /} from 192.0.2.10 with Host example.com unless changed. */
final class TestRequest implements RequestView {

    private String method = "GET";
    private String host = "example.com";
    private String path = "/";
    private String query;
    private final Map<String, List<String>> headers = new TreeMap<>();
    private InetAddress source = address("192.0.2.10");

    static TestRequest get(String pathAndQuery) {
        return new TestRequest().uri(pathAndQuery);
    }

    TestRequest method(String method) {
        this.method = method;
        return this;
    }

    TestRequest host(String host) {
        this.host = host;
        return this;
    }

    /** Splits at the first {@code ?} as an HTTP request line would. */
    TestRequest uri(String uri) {
        int q = uri.indexOf('?');
        path = q < 0 ? uri : uri.substring(0, q);
        query = q < 0 ? null : uri.substring(q + 1);
        return this;
    }

    TestRequest path(String path) {
        this.path = path;
        return this;
    }

    TestRequest header(String name, String value) {
        headers.computeIfAbsent(name.toLowerCase(Locale.ROOT), n -> new ArrayList<>()).add(value);
        return this;
    }

    TestRequest source(String address) {
        return source(address(address));
    }

    TestRequest source(InetAddress address) {
        this.source = address;
        return this;
    }

    static InetAddress address(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(literal, e);
        }
    }

    @Override
    public String method() {
        return method;
    }

    @Override
    public String host() {
        return host;
    }

    @Override
    public String path() {
        return path;
    }

    @Override
    public String query() {
        return query;
    }

    @Override
    public List<String> headers(String name) {
        return headers.getOrDefault(name.toLowerCase(Locale.ROOT), List.of());
    }

    @Override
    public InetAddress sourceAddress() {
        return source;
    }
}
