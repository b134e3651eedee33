package dev.fulcrum.routing;

import static dev.fulcrum.routing.Rules.matches;
import static dev.fulcrum.routing.Rules.pair;
import static dev.fulcrum.routing.Rules.query;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class QueryStringConditionTest {

    @Test
    void keyValuePairMatchesCaseInsensitively() {
        assertThat(matches(query(pair("version", "v1")), TestRequest.get("/?a=b&VERSION=V1"))).isTrue();
        assertThat(matches(query(pair("version", "v1")), TestRequest.get("/?version=v2"))).isFalse();
    }

    @Test
    void keyAndValueMustMatchTheSameParameter() {
        assertThat(matches(query(pair("a", "2")), TestRequest.get("/?a=1&b=2"))).isFalse();
    }

    @Test
    void valueOnlyPairMatchesAnyParameterValue() {
        assertThat(matches(query(pair(null, "*example*")), TestRequest.get("/?x=1&site=my-example-page")))
                .isTrue();
        assertThat(matches(query(pair(null, "site")), TestRequest.get("/?site=x"))).isFalse();
    }

    @Test
    void keyAndValueSupportWildcards() {
        assertThat(matches(query(pair("utm_*", "?ail")), TestRequest.get("/?utm_source=mail"))).isTrue();
        assertThat(matches(query(pair("utm_*", "?ail")), TestRequest.get("/?utm_source=email"))).isFalse();
    }

    @Test
    void anyOfTheConfiguredPairsMayMatch() {
        assertThat(matches(query(pair("a", "1"), pair("b", "2")), TestRequest.get("/?b=2"))).isTrue();
    }

    @Test
    void keysAndValuesArePercentDecodedBeforeComparing() {
        assertThat(matches(query(pair("full name", "jane doe")), TestRequest.get("/?full%20name=jane%20doe")))
                .isTrue();
        assertThat(matches(query(pair("k", "a&b=c")), TestRequest.get("/?k=a%26b%3Dc"))).isTrue();
        assertThat(matches(query(pair("city", "zürich")), TestRequest.get("/?city=Z%C3%BCrich"))).isTrue();
    }

    @Test
    void plusIsNotASpace() {
        assertThat(matches(query(pair("q", "a+b")), TestRequest.get("/?q=a+b"))).isTrue();
        assertThat(matches(query(pair("q", "a b")), TestRequest.get("/?q=a+b"))).isFalse();
    }

    @Test
    void escapedStarAndQuestionMarkMatchOnlyThemselves() {
        assertThat(matches(query(pair("q", "what\\?")), TestRequest.get("/?q=what%3F"))).isTrue();
        assertThat(matches(query(pair("q", "what\\?")), TestRequest.get("/?q=whats"))).isFalse();
        assertThat(matches(query(pair("q", "\\*")), TestRequest.get("/?q=*"))).isTrue();
        assertThat(matches(query(pair("q", "\\*")), TestRequest.get("/?q=anything"))).isFalse();
    }

    @Test
    void parameterWithoutEqualsSignHasAnEmptyValue() {
        assertThat(matches(query(pair("debug", "*")), TestRequest.get("/?debug"))).isTrue();
        assertThat(matches(query(pair(null, "debug")), TestRequest.get("/?debug"))).isFalse();
    }

    @Test
    void valueMayContainEqualsSigns() {
        assertThat(matches(query(pair("token", "a=b")), TestRequest.get("/?token=a=b"))).isTrue();
    }

    @Test
    void noQueryOrAnEmptyQueryNeverMatches() {
        assertThat(matches(query(pair(null, "*")), TestRequest.get("/"))).isFalse();
        assertThat(matches(query(pair(null, "*")), TestRequest.get("/?"))).isFalse();
        assertThat(matches(query(pair(null, "*")), TestRequest.get("/?&&"))).isFalse();
    }

    @Test
    void malformedPercentEscapesAreKeptAsWritten() {
        assertThat(matches(query(pair("k", "100%")), TestRequest.get("/?k=100%"))).isTrue();
        assertThat(matches(query(pair("k", "%zz%4")), TestRequest.get("/?k=%zz%4"))).isTrue();
    }

    @Test
    void parserSplitsOnAmpersandAndFirstEqualsSign() {
        assertThat(QueryParameters.parse("a=1&&b&c=x=y&=v")).containsExactly(
                new QueryParameters.Parameter("a", "1"),
                new QueryParameters.Parameter("b", ""),
                new QueryParameters.Parameter("c", "x=y"),
                new QueryParameters.Parameter("", "v"));
    }

    @Test
    void decoderTurnsInvalidUtf8IntoReplacementCharactersInsteadOfFailing() {
        assertThat(QueryParameters.decode("%ff%41", 0, 6)).isEqualTo("\uFFFDA");
    }
}
