package dev.fulcrum.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fulcrum.config.LoadBalancerAttributes;
import dev.fulcrum.core.LbError;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpVersion;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The checks of a decoded request head, one rule at a time, in their order. */
class RequestChecksTest {

    private static final LoadBalancerAttributes DEFAULTS = LoadBalancerAttributes.defaults();

    private static HttpRequest request(String method, String uri, String version, String... headers) {
        HttpRequest r = new DefaultHttpRequest(HttpVersion.valueOf(version), HttpMethod.valueOf(method), uri);
        for (int i = 0; i < headers.length; i += 2) {
            r.headers().add(headers[i], headers[i + 1]);
        }
        return r;
    }

    private static LbError check(HttpRequest r) {
        return RequestChecks.check(r, DEFAULTS);
    }

    @Test
    void passesAnOrdinaryRequest() {
        assertThat(check(request("GET", "/a?b=c", "HTTP/1.1", "Host", "x.example"))).isNull();
        assertThat(check(request("GET", "/", "HTTP/1.0"))).as("HTTP/1.0 may leave Host out").isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"HTTP/2.0", "HTTP/0.9", "HTTP/3.0"})
    void answers505ToVersionsThisListenerDoesNotSpeak(String version) {
        assertThat(RequestChecks.versionError(request("GET", "/", version, "Host", "x")))
                .isEqualTo(LbError.HTTP_VERSION_NOT_SUPPORTED);
        assertThat(RequestChecks.versionError(request("GET", "/", "HTTP/1.0"))).isNull();
    }

    @Test
    void refusesTraceAndConnectBeforeLookingAtTheTarget() {
        assertThat(check(request("TRACE", "/", "HTTP/1.1", "Host", "x"))).isEqualTo(LbError.TRACE_NOT_ALLOWED);
        assertThat(check(request("CONNECT", "x:443", "HTTP/1.1", "Host", "x:443")))
                .isEqualTo(LbError.CONNECT_NOT_SUPPORTED);
    }

    @Test
    void acceptsTheRequestTargetFormsOfHttp() {
        assertThat(RequestChecks.isValidTarget("/", HttpMethod.GET)).isTrue();
        assertThat(RequestChecks.isValidTarget("//double", HttpMethod.GET)).isTrue();
        assertThat(RequestChecks.isValidTarget("http://x/", HttpMethod.GET)).isTrue();
        assertThat(RequestChecks.isValidTarget("HTTPS://x", HttpMethod.GET)).isTrue();
        assertThat(RequestChecks.isValidTarget("*", HttpMethod.OPTIONS)).isTrue();
        assertThat(RequestChecks.isValidTarget("/caf\u00c3\u00a9", HttpMethod.GET)).as("obs bytes").isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "!", "*", "x.example", "x.example:80", "ftp://x/", "\u0000/"})
    void refusesOtherTargets(String uri) {
        assertThat(RequestChecks.isValidTarget(uri, HttpMethod.GET)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/a\u0000b", "/a\tb", "/a\u007f", "/a b"})
    void leavesTheBytesInsideAnOriginFormTargetToTheClassifier(String uri) {
        assertThat(RequestChecks.isValidTarget(uri, HttpMethod.GET)).isTrue();
    }

    @Test
    void anHttp11RequestNeedsExactlyOneValidHost() {
        assertThat(check(request("GET", "/", "HTTP/1.1"))).isEqualTo(LbError.INVALID_HOST_HEADER);
        assertThat(check(request("GET", "/", "HTTP/1.1", "Host", "a", "Host", "a")))
                .isEqualTo(LbError.INVALID_HOST_HEADER);
        assertThat(check(request("GET", "/", "HTTP/1.0", "Host", "a", "Host", "b")))
                .isEqualTo(LbError.INVALID_HOST_HEADER);
        assertThat(check(request("GET", "http://a/", "HTTP/1.1"))).as("even in absolute form (RFC 9112 3.2)")
                .isEqualTo(LbError.INVALID_HOST_HEADER);
    }

    @ParameterizedTest
    @ValueSource(strings = {"x.example", "x.example:8080", "x.example:", "127.0.0.1", "[::1]", "[::1]:443",
            "[::ffff:1.2.3.4]:80", "a-b_c~d!$&'()*+,;=%41"})
    void acceptsHostsOfTheShapeHostPort(String host) {
        assertThat(RequestChecks.isValidHost(host)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", ":80", "x/y", "a b", "u@x", "x:80:80", "x:8o", "x:123456", "[::1", "[]", "[g::1]",
            "[::1]x", "x\u0085"})
    void refusesOtherHosts(String host) {
        assertThat(RequestChecks.isValidHost(host)).isFalse();
    }

    @Test
    void refusesABodyOverTheLimitByItsContentLength() {
        LoadBalancerAttributes limited = DEFAULTS.toBuilder().maxRequestBodyBytes(10).build();
        assertThat(RequestChecks.check(request("POST", "/", "HTTP/1.1", "Host", "x", "Content-Length", "11"), limited))
                .isEqualTo(LbError.REQUEST_BODY_TOO_LARGE);
        assertThat(RequestChecks.check(request("POST", "/", "HTTP/1.1", "Host", "x", "Content-Length", "10"), limited))
                .isNull();
    }

    @Test
    void readsVersionTokensAsAClientWritesThem() {
        assertThat(RequestChecks.isVersionToken("HTTP/1.1")).isTrue();
        assertThat(RequestChecks.isVersionToken("http/1.1")).isTrue();
        assertThat(RequestChecks.isVersionToken("HTTP/2")).isTrue();
        assertThat(RequestChecks.isVersionToken("HTTP/10.0")).isTrue();
        assertThat(RequestChecks.isVersionToken("HTTP/1.")).isFalse();
        assertThat(RequestChecks.isVersionToken("HTTP/.1")).isFalse();
        assertThat(RequestChecks.isVersionToken("HTTP/1.1.1")).isFalse();
        assertThat(RequestChecks.isVersionToken("FOO/1.1")).isFalse();
        assertThat(RequestChecks.isSingleDigitVersion("HTTP/1.1")).isTrue();
        assertThat(RequestChecks.isSingleDigitVersion("HTTP/2")).isFalse();
    }
}
