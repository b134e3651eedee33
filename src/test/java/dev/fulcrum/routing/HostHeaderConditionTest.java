package dev.fulcrum.routing;

import static dev.fulcrum.routing.Rules.host;
import static dev.fulcrum.routing.Rules.matches;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HostHeaderConditionTest {

    @Test
    void hostHeaderMatchesCaseInsensitivelyAndIgnoresPort() {
        assertThat(matches(host("api.example.com"), new TestRequest().host("API.Example.COM:8080"))).isTrue();
        assertThat(matches(host("API.EXAMPLE.COM"), new TestRequest().host("api.example.com"))).isTrue();
    }

    @Test
    void starMatchesAnySubdomainButNotTheBareDomain() {
        assertThat(matches(host("*.example.com"), new TestRequest().host("www.example.com"))).isTrue();
        assertThat(matches(host("*.example.com"), new TestRequest().host("a.b.example.com"))).isTrue();
        assertThat(matches(host("*.example.com"), new TestRequest().host("example.com"))).isFalse();
    }

    @Test
    void questionMarkMatchesExactlyOneCharacterOfTheHost() {
        assertThat(matches(host("api?.example.com"), new TestRequest().host("api1.example.com"))).isTrue();
        assertThat(matches(host("api?.example.com"), new TestRequest().host("api.example.com"))).isFalse();
        assertThat(matches(host("api?.example.com"), new TestRequest().host("api12.example.com"))).isFalse();
    }

    @Test
    void portOfABracketedIpv6HostIsIgnored() {
        assertThat(matches(host("[::1]"), new TestRequest().host("[::1]:8080"))).isTrue();
        assertThat(matches(host("[::1]"), new TestRequest().host("[::1]"))).isTrue();
    }

    @Test
    void hostPatternDoesNotMatchAPrefixOrSuffixOfTheHost() {
        assertThat(matches(host("example.com"), new TestRequest().host("example.com.evil.test"))).isFalse();
        assertThat(matches(host("example.com"), new TestRequest().host("myexample.com"))).isFalse();
    }

    @Test
    void missingHostNeverMatches() {
        assertThat(matches(host("*"), new TestRequest().host(null))).isFalse();
    }

    @Test
    void anyOfTheValuesMayMatch() {
        assertThat(matches(host("a.example.com", "b.example.com"), new TestRequest().host("b.example.com")))
                .isTrue();
    }

    @Test
    void portIsStrippedOnlyWhenItIsAPort() {
        assertThat(Hosts.withoutPort("example.com:443")).isEqualTo("example.com");
        assertThat(Hosts.withoutPort("example.com")).isEqualTo("example.com");
        assertThat(Hosts.withoutPort("[2001:db8::1]:443")).isEqualTo("[2001:db8::1]");
        assertThat(Hosts.withoutPort("2001:db8::1")).isEqualTo("2001:db8::1");
        assertThat(Hosts.withoutPort("[::1")).isEqualTo("[::1");
        assertThat(Hosts.withoutPort("")).isEmpty();
    }
}
