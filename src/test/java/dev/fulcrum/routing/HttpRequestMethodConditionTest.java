package dev.fulcrum.routing;

import static dev.fulcrum.routing.Rules.matches;
import static dev.fulcrum.routing.Rules.method;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HttpRequestMethodConditionTest {

    @Test
    void methodMatchesExactlyAndCaseSensitively() {
        assertThat(matches(method("POST"), new TestRequest().method("POST"))).isTrue();
        assertThat(matches(method("POST"), new TestRequest().method("post"))).isFalse();
        assertThat(matches(method("POST"), new TestRequest().method("PUT"))).isFalse();
    }

    @Test
    void getConditionAlsoMatchesHeadRequests() {
        assertThat(matches(method("GET"), new TestRequest().method("HEAD"))).isTrue();
    }

    @Test
    void headConditionAlsoMatchesGetRequestsBecauseAlbRoutesThemAlike() {
        assertThat(matches(method("HEAD"), new TestRequest().method("GET"))).isTrue();
    }

    @Test
    void headIsNotLikeAnyOtherMethod() {
        assertThat(matches(method("POST"), new TestRequest().method("HEAD"))).isFalse();
    }

    @Test
    void anyOfTheListedMethodsMayMatch() {
        assertThat(matches(method("PUT", "PATCH"), new TestRequest().method("PATCH"))).isTrue();
    }

    @Test
    void methodValuesHaveNoWildcards() {
        assertThat(matches(method("P*"), new TestRequest().method("POST"))).isFalse();
    }

    @Test
    void missingMethodNeverMatches() {
        assertThat(matches(method("GET"), new TestRequest().method(null))).isFalse();
    }
}
