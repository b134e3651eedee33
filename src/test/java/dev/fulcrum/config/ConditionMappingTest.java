package dev.fulcrum.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ConditionMappingTest {

    private static final String AT = "listeners[0].rules[0].conditions";

    private static List<ConditionConfig> conditions(String yaml) {
        return Yaml.load(Yaml.withConditions(yaml)).listeners().get(0).rules().get(0).conditions();
    }

    private static List<String> problems(String field, String value) {
        return Yaml.problems(Yaml.withConditions("- {field: " + field + ", values: [\"" + value + "\"]}"));
    }

    @Test
    void reportsAnUnknownOrMissingField() {
        assertThat(Yaml.problems(Yaml.withConditions("""
                - {field: cookie, values: [a]}
                - {values: [a]}
                """))).containsExactly(
                AT + "[0].field: 'cookie' (expected one of: host-header, path-pattern, http-header,"
                        + " http-request-method, query-string, source-ip)",
                AT + "[1].field: required");
    }

    @Test
    void reportsMissingOrEmptyValues() {
        assertThat(Yaml.problems(Yaml.withConditions("""
                - {field: path-pattern}
                - {field: host-header, values: []}
                - {field: source-ip, values: ""}
                """))).containsExactly(
                AT + "[0].values: required (expected: at least one value)",
                AT + "[1].values: empty (expected: at least one value)",
                AT + "[2].values: expected a list, got ''");
    }

    @Test
    void reportsAnEmptyValueAndOneLongerThan128Characters() {
        String long129 = "/" + "a".repeat(128);
        assertThat(Yaml.problems(Yaml.withConditions("- {field: path-pattern, values: [\"\", \"" + long129 + "\"]}")))
                .containsExactly(
                        AT + "[0].values[0]: empty (expected: 1..128 characters)",
                        AT + "[0].values[1]: 129 characters (expected: 1..128 characters)");
    }

    @Test
    void allowsOnlyOneHostPathMethodAndSourceIpConditionPerRule() {
        assertThat(Yaml.problems(Yaml.withConditions("""
                - {field: host-header, values: [a.example.com]}
                - {field: host-header, values: [b.example.com]}
                - {field: source-ip, values: [10.0.0.0/8]}
                - {field: source-ip, values: [192.168.0.0/16]}
                """))).containsExactly(
                AT + "[1].field: duplicate host-header condition (also " + AT + "[0]; expected: at most one per rule)",
                AT + "[3].field: duplicate source-ip condition (also " + AT + "[2]; expected: at most one per rule)");
        assertThat(Yaml.problems(Yaml.withConditions("""
                - {field: http-request-method, values: [GET]}
                - {field: http-request-method, values: [POST]}
                """))).containsExactly(AT + "[1].field: duplicate http-request-method condition (also " + AT
                + "[0]; expected: at most one per rule)");
    }

    @Test
    void letsHttpHeaderAndQueryStringConditionsRepeat() {
        assertThat(conditions("""
                - {field: http-header, httpHeaderName: X-A, values: ["1"]}
                - {field: http-header, httpHeaderName: X-B, values: ["2"]}
                - {field: query-string, values: [{key: a, value: "1"}]}
                - {field: query-string, values: [{value: "*beta*"}]}
                """)).containsExactly(
                new ConditionConfig.HttpHeader("X-A", List.of("1")),
                new ConditionConfig.HttpHeader("X-B", List.of("2")),
                new ConditionConfig.QueryString(List.of(new ConditionConfig.KeyValue("a", "1"))),
                new ConditionConfig.QueryString(List.of(new ConditionConfig.KeyValue(null, "*beta*"))));
    }

    @Test
    void countsConditionValuesAcrossTheWholeRule() {
        assertThat(Yaml.problems(Yaml.withConditions("""
                - {field: path-pattern, values: [/a, /b, /c]}
                - {field: host-header, values: [a.example.com, b.example.com, c.example.com]}
                """))).containsExactly(AT + ": 6 condition values in this rule (expected: at most 5 across all"
                + " conditions)");
        assertThat(conditions("""
                - {field: path-pattern, values: [/a, /b, /c]}
                - {field: host-header, values: [a.example.com, b.example.com]}
                """)).hasSize(2);
    }

    @ParameterizedTest
    @ValueSource(strings = {"example.com", "*.example.com", "api-?.example.com", "EXAMPLE.COM"})
    void acceptsHostHeaderValuesWithAlbsCharacters(String host) {
        assertThat(conditions("- {field: host-header, values: [\"" + host + "\"]}"))
                .containsExactly(new ConditionConfig.HostHeader(List.of(host)));
    }

    @Test
    void reportsAHostHeaderValueWithAPortOrOtherCharacters() {
        assertThat(problems("host-header", "example.com:8080")).containsExactly(AT + "[0].values[0]:"
                + " 'example.com:8080' (invalid character ':'; allowed: A-Z a-z 0-9 - . * ?)");
        assertThat(problems("host-header", "ex_ample.com")).containsExactly(AT + "[0].values[0]:"
                + " 'ex_ample.com' (invalid character '_'; allowed: A-Z a-z 0-9 - . * ?)");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/", "/api/*", "*.jpg", "/a_b-c.d$e/~f\"g'h@i:j+k&l?m"})
    void acceptsPathPatternsWithAlbsCharacters(String path) {
        assertThat(conditions("- field: path-pattern\n  values: ['" + path.replace("'", "''") + "']"))
                .containsExactly(new ConditionConfig.PathPattern(List.of(path)));
    }

    @Test
    void reportsAPathPatternThatIsNotAPathOrHasOtherCharacters() {
        assertThat(problems("path-pattern", "api/*")).containsExactly(
                AT + "[0].values[0]: 'api/*' (expected: a path pattern starting with '/' or '*')");
        assertThat(problems("path-pattern", "/a b")).containsExactly(AT + "[0].values[0]: '/a b' (invalid"
                + " character ' '; allowed: A-Z a-z 0-9 _ - . $ / ~ \" ' @ : + & * ?)");
        assertThat(problems("path-pattern", "/a?b=c")).containsExactly(AT + "[0].values[0]: '/a?b=c' (invalid"
                + " character '='; allowed: A-Z a-z 0-9 _ - . $ / ~ \" ' @ : + & * ?)");
    }

    @ParameterizedTest
    @ValueSource(strings = {"get", "GET*", "M-SEARCH ", "ABCDEFGHIJABCDEFGHIJABCDEFGHIJABCDEFGHIJX"})
    void reportsAMethodThatIsNotUpTo40UppercaseLettersHyphensAndUnderscores(String method) {
        assertThat(problems("http-request-method", method)).containsExactly(
                AT + "[0].values[0]: '" + method + "' (expected: up to 40 of A-Z - _)");
    }

    @Test
    void acceptsMethodsWithHyphensAndUnderscores() {
        assertThat(conditions("- {field: http-request-method, values: [GET, M-SEARCH, VERSION_CONTROL]}"))
                .containsExactly(new ConditionConfig.HttpRequestMethod(List.of("GET", "M-SEARCH", "VERSION_CONTROL")));
    }

    @Test
    void requiresAHeaderNameForHttpHeaderConditionsOnly() {
        assertThat(Yaml.problems(Yaml.withConditions("""
                - {field: http-header, values: ["1"]}
                - {field: path-pattern, httpHeaderName: X-A, values: [/a]}
                """))).containsExactly(
                AT + "[0].httpHeaderName: required",
                AT + "[1].httpHeaderName: unknown key (expected one of: field, values)");
    }

    @ParameterizedTest
    @ValueSource(strings = {"X Canary", "X-Canary:", "X-*", "\"X(1)\""})
    void reportsAHeaderNameThatIsNotAToken(String name) {
        assertThat(Yaml.problems(Yaml.withConditions("- {field: http-header, httpHeaderName: '" + name
                + "', values: [a]}"))).containsExactly(AT + "[0].httpHeaderName: '" + name
                + "' (expected: a header name, an RFC 7230 token without '*')");
    }

    @Test
    void reportsAHeaderNameLongerThan40Characters() {
        assertThat(Yaml.problems(Yaml.withConditions("- {field: http-header, httpHeaderName: X-" + "a".repeat(39)
                + ", values: [a]}"))).containsExactly(AT + "[0].httpHeaderName: 41 characters (expected: 1..40"
                + " characters)");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Host", "host", "HOST"})
    void reportsTheHostHeaderAsHeaderName(String name) {
        assertThat(Yaml.problems(Yaml.withConditions("- {field: http-header, httpHeaderName: " + name
                + ", values: [a]}"))).containsExactly(AT + "[0].httpHeaderName: '" + name
                + "' (expected: a header other than Host; use a host-header condition)");
    }

    @ParameterizedTest
    @ValueSource(strings = {"10.0.0.0/8", "10.1.2.3/8", "0.0.0.0/0", "192.168.1.1/32", "2001:db8::/32", "::/0",
            "::1/128", "::ffff:10.0.0.0/104"})
    void acceptsCidrBlocksAsSourceIps(String cidr) {
        assertThat(conditions("- {field: source-ip, values: [\"" + cidr + "\"]}"))
                .containsExactly(new ConditionConfig.SourceIp(List.of(cidr)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"10.0.0.1", "10.0.0.0/33", "10.0.0/8", "2001:db8::/129", "10.0.0.0/-1", "10.0.0.0/08",
            "example.com/8", "256.0.0.0/8"})
    void reportsSourceIpsThatAreNotCidrBlocks(String cidr) {
        assertThat(problems("source-ip", cidr)).containsExactly(AT + "[0].values[0]: '" + cidr
                + "' (expected: an IPv4 or IPv6 CIDR block such as 10.0.0.0/8)");
    }

    @Test
    void reportsTheBroadcastAddressAsSourceIp() {
        assertThat(problems("source-ip", "255.255.255.255/32")).containsExactly(AT + "[0].values[0]:"
                + " '255.255.255.255/32' (expected: a CIDR block other than the broadcast address)");
    }

    @Test
    void requiresAValueInEachQueryStringPairAndOnlyKeyAndValue() {
        assertThat(Yaml.problems(Yaml.withConditions("""
                - field: query-string
                  values: [{key: a}, {key: "", value: "1"}, {value: "2", name: x}, "v=1"]
                """))).containsExactly(
                AT + "[0].values[0].value: required",
                AT + "[0].values[1].key: empty (expected: 1..128 characters)",
                AT + "[0].values[2].name: unknown key (expected one of: key, value)",
                AT + "[0].values[3]: expected a map, got 'v=1'");
    }
}
