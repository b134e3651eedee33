package dev.fulcrum.routing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fulcrum.config.ActionConfig;
import org.junit.jupiter.api.Test;

class RedirectActionTest {

    private static final TestRequest REQUEST = TestRequest.get("/shop/cart?id=7&x=%20").host("Shop.Example.com:8080");

    @Test
    void unspecifiedPartsKeepTheRequestsValuesWithAnExplicitPort() {
        RedirectAction redirect = redirect(null, null, null, null, null, 302);

        assertThat(redirect.location(REQUEST, "http", 80))
                .isEqualTo("http://Shop.Example.com:80/shop/cart?id=7&x=%20");
        assertThat(redirect.statusCode()).isEqualTo(302);
        assertThat(redirect.type()).isEqualTo("redirect");
    }

    @Test
    void httpToHttpsRedirectWritesPort443Explicitly() {
        RedirectAction redirect = redirect("HTTPS", "#{host}", "443", "/#{path}", "#{query}", 301);

        assertThat(redirect.location(REQUEST, "http", 80))
                .isEqualTo("https://Shop.Example.com:443/shop/cart?id=7&x=%20");
        assertThat(redirect.statusCode()).isEqualTo(301);
    }

    @Test
    void protocolKeywordIsTheListenersProtocolInLowerCase() {
        RedirectAction redirect = redirect("#{protocol}", "example.org", null, null, null, 301);

        assertThat(redirect.location(REQUEST, "HTTPS", 443))
                .isEqualTo("https://example.org:443/shop/cart?id=7&x=%20");
    }

    @Test
    void hostKeywordIsTheHostHeaderWithoutItsPort() {
        RedirectAction redirect = redirect(null, "www.#{host}", null, "/", "", 301);

        assertThat(redirect.location(REQUEST, "http", 80)).isEqualTo("http://www.Shop.Example.com:80/");
        assertThat(redirect.location(new TestRequest().host("[::1]:8080"), "http", 80))
                .isEqualTo("http://www.[::1]:80/");
    }

    @Test
    void portKeywordIsTheListenerPortTheClientConnectedTo() {
        RedirectAction redirect = redirect(null, "example.org", "#{port}", "/p#{port}", "", 302);

        assertThat(redirect.location(REQUEST, "http", 8080)).isEqualTo("http://example.org:8080/p8080");
    }

    @Test
    void pathKeywordIsTheRequestPathWithoutItsLeadingSlash() {
        RedirectAction redirect = redirect(null, null, null, "/new/#{path}", null, 301);

        assertThat(redirect.location(REQUEST, "http", 80))
                .isEqualTo("http://Shop.Example.com:80/new/shop/cart?id=7&x=%20");
    }

    @Test
    void queryKeywordIsTheRawQueryAndCanBeExtended() {
        RedirectAction redirect = redirect(null, null, null, "/x", "#{query}&from=#{host}", 301);

        assertThat(redirect.location(REQUEST, "http", 80))
                .isEqualTo("http://Shop.Example.com:80/x?id=7&x=%20&from=Shop.Example.com");
    }

    @Test
    void questionMarkIsLeftOutWhenTheQueryIsEmpty() {
        RedirectAction redirect = redirect("https", null, "443", null, null, 301);

        assertThat(redirect.location(TestRequest.get("/a"), "http", 80)).isEqualTo("https://example.com:443/a");
        assertThat(redirect.location(TestRequest.get("/a?"), "http", 80)).isEqualTo("https://example.com:443/a");
    }

    @Test
    void configuredEmptyQueryDropsTheRequestsQuery() {
        RedirectAction redirect = redirect(null, null, null, "/moved", "", 301);

        assertThat(redirect.location(REQUEST, "http", 80)).isEqualTo("http://Shop.Example.com:80/moved");
    }

    @Test
    void requestValuesContainingKeywordsAreCopiedNotExpanded() {
        RedirectAction redirect = redirect(null, null, null, "/v2/#{path}", null, 301);
        TestRequest request = TestRequest.get("/#{host}?q=#{port}");

        assertThat(redirect.location(request, "http", 80)).isEqualTo("http://example.com:80/v2/#{host}?q=#{port}");
    }

    @Test
    void unknownKeywordsAreKeptAsText() {
        RedirectAction redirect = redirect(null, null, null, "/#{nope}/#{path", "", 301);

        assertThat(redirect.location(REQUEST, "http", 80)).isEqualTo("http://Shop.Example.com:80/#{nope}/#{path");
    }

    @Test
    void missingHostBecomesAnEmptyHostForTheCallerToHandle() {
        RedirectAction redirect = redirect("https", null, "443", null, null, 301);

        assertThat(redirect.location(new TestRequest().host(null), "http", 80)).isEqualTo("https://:443/");
    }

    @Test
    void pathTemplateWithoutLeadingSlashStillYieldsAWellFormedUrl() {
        RedirectAction redirect = redirect(null, null, null, "#{path}", null, 301);

        assertThat(redirect.location(TestRequest.get("/a/b"), "http", 80)).isEqualTo("http://example.com:80/a/b");
    }

    private static RedirectAction redirect(String protocol, String host, String port, String path, String query,
            int statusCode) {
        return RedirectAction.of(new ActionConfig.Redirect(protocol, host, port, path, query, statusCode));
    }
}
