package dev.fulcrum.routing;

import static dev.fulcrum.routing.Rules.matches;
import static dev.fulcrum.routing.Rules.path;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PathPatternConditionTest {

    @Test
    void pathPatternIsCaseSensitive() {
        assertThat(matches(path("/api/*"), TestRequest.get("/api/users"))).isTrue();
        assertThat(matches(path("/api/*"), TestRequest.get("/API/users"))).isFalse();
    }

    @Test
    void pathPatternIgnoresTheQuery() {
        assertThat(matches(path("/search"), TestRequest.get("/search?q=x"))).isTrue();
        assertThat(matches(path("*q=x*"), TestRequest.get("/search?q=x"))).isFalse();
    }

    @Test
    void questionMarkMatchesOnePathCharacter() {
        assertThat(matches(path("/v?/items"), TestRequest.get("/v2/items"))).isTrue();
        assertThat(matches(path("/v?/items"), TestRequest.get("/v22/items"))).isFalse();
    }

    @Test
    void pathIsMatchedAsSentWithoutPercentDecoding() {
        assertThat(matches(path("/a%20b"), TestRequest.get("/a%20b"))).isTrue();
        assertThat(matches(path("/a b"), TestRequest.get("/a%20b"))).isFalse();
    }

    @Test
    void exactPathMatchesOnlyThatPath() {
        assertThat(matches(path("/health"), TestRequest.get("/health"))).isTrue();
        assertThat(matches(path("/health"), TestRequest.get("/health/"))).isFalse();
    }

    @Test
    void missingPathNeverMatches() {
        assertThat(matches(path("*"), new TestRequest().path(null))).isFalse();
    }
}
