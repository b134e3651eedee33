package dev.fulcrum.routing;

import static dev.fulcrum.routing.Rules.header;
import static dev.fulcrum.routing.Rules.matches;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HttpHeaderConditionTest {

    @Test
    void headerNameAndValueAreCaseInsensitive() {
        assertThat(matches(header("User-Agent", "*MOBILE*"),
                new TestRequest().header("user-agent", "Foo Mobile Safari"))).isTrue();
    }

    @Test
    void anyInstanceOfARepeatedHeaderMayMatch() {
        TestRequest request = new TestRequest().header("X-Env", "prod").header("X-Env", "canary");
        assertThat(matches(header("x-env", "canary"), request)).isTrue();
        assertThat(matches(header("x-env", "staging"), request)).isFalse();
    }

    @Test
    void absentHeaderNeverMatchesEvenAStar() {
        assertThat(matches(header("X-Missing", "*"), new TestRequest())).isFalse();
    }

    @Test
    void headerValueWildcardsFollowGlobRules() {
        assertThat(matches(header("X-Version", "v?"), new TestRequest().header("X-Version", "v2"))).isTrue();
        assertThat(matches(header("X-Version", "v?"), new TestRequest().header("X-Version", "v22"))).isFalse();
    }

    @Test
    void emptyHeaderValueMatchesOnlyAStar() {
        TestRequest request = new TestRequest().header("X-Empty", "");
        assertThat(matches(header("X-Empty", "*"), request)).isTrue();
        assertThat(matches(header("X-Empty", "?"), request)).isFalse();
    }
}
