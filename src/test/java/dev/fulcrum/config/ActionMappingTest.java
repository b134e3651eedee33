package dev.fulcrum.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fulcrum.config.ActionConfig.FixedResponse;
import dev.fulcrum.config.ActionConfig.Forward;
import dev.fulcrum.config.ActionConfig.Redirect;
import dev.fulcrum.config.ActionConfig.WeightedTargetGroup;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ActionMappingTest {

    private static final String AT = "listeners[0].rules[0].actions";

    private static ActionConfig action(String yaml) {
        List<ActionConfig> actions = Yaml.load(Yaml.withActions(yaml)).listeners().get(0).rules().get(0).actions();
        assertThat(actions).hasSize(1);
        return actions.get(0);
    }

    private static List<String> problems(String yaml) {
        return Yaml.problems(Yaml.withActions(yaml));
    }

    @Test
    void requiresExactlyOneAction() {
        assertThat(Yaml.problems(Yaml.withRules("""
                - {priority: 1, conditions: [{field: path-pattern, values: [/a]}], actions: []}
                - priority: 2
                  conditions: [{field: path-pattern, values: [/b]}]
                  actions:
                    - {type: forward, targetGroup: web}
                    - {type: fixed-response, fixedResponse: {statusCode: 200}}
                """))).containsExactly(
                "listeners[0].rules[0].actions: empty (expected: exactly one action: forward, redirect or"
                        + " fixed-response)",
                "listeners[0].rules[1].actions: 2 actions (expected: exactly one action: forward, redirect or"
                        + " fixed-response)");
    }

    @Test
    void requiresDefaultActionsOfTheSameShape() {
        assertThat(Yaml.problems("""
                listeners:
                  - port: 0
                    defaultActions: [{type: authenticate-oidc}]
                """)).containsExactly("listeners[0].defaultActions[0].type: 'authenticate-oidc' (expected one of:"
                + " forward, redirect, fixed-response)");
    }

    @Test
    void reportsAMissingTypeAndKeysOfAnotherType() {
        assertThat(problems("""
                - {targetGroup: web}
                - {type: forward, targetGroup: web, fixedResponse: {statusCode: 200}}
                """)).containsExactly(
                AT + ": 2 actions (expected: exactly one action: forward, redirect or fixed-response)",
                AT + "[0].type: required",
                AT + "[1].fixedResponse: unknown key (expected one of: type, targetGroup, targetGroups)");
    }

    @Test
    void readsWeightedTargetGroupsWithTheDefaultWeight() {
        assertThat(action("- {type: forward, targetGroups: [{name: web, weight: 0}, {name: api}]}"))
                .isEqualTo(new Forward(List.of(new WeightedTargetGroup("web", 0), new WeightedTargetGroup("api", 1))));
    }

    @Test
    void reportsATargetGroupNameThatNoGroupHas() {
        assertThat(problems("- {type: forward, targetGroups: [{name: web}, {name: wbe}]}"))
                .containsExactly(AT + "[0].targetGroups[1].name: no target group named 'wbe' (known: web, api)");
        assertThat(Yaml.problems("listeners: [{port: 0, defaultActions: [{type: forward, targetGroup: web}]}]\n"))
                .containsExactly("listeners[0].defaultActions[0].targetGroup: no target group named 'web'"
                        + " (known: none)");
    }

    @Test
    void letsTargetGroupsGoUnused() {
        FulcrumConfig config = Yaml.load(Yaml.MINIMAL);

        assertThat(config.targetGroup("api")).isPresent();
    }

    @Test
    void reportsBothOrNeitherOfTargetGroupAndTargetGroups() {
        assertThat(problems("- {type: forward, targetGroup: web, targetGroups: [{name: web}]}"))
                .containsExactly(AT + "[0]: both targetGroup and targetGroups (expected: one of them)");
        assertThat(problems("- {type: forward}"))
                .containsExactly(AT + "[0]: no target group (expected: targetGroup or targetGroups)");
    }

    @Test
    void reportsMoreThanFiveTargetGroupsOrNone() {
        assertThat(Yaml.problems(Yaml.withTargetGroups("""
                - name: web
                - name: a
                - name: b
                - name: c
                - name: d
                - name: e
                """).replace("defaultActions: [{type: forward, targetGroup: web}]",
                "defaultActions: [{type: forward, targetGroups: [{name: web}, {name: a}, {name: b}, {name: c},"
                        + " {name: d}, {name: e}]}]")))
                .containsExactly("listeners[0].defaultActions[0].targetGroups: 6 target groups (expected: 1..5"
                        + " target groups)");
        assertThat(problems("- {type: forward, targetGroups: []}"))
                .containsExactly(AT + "[0].targetGroups: empty (expected: 1..5 target groups)");
    }

    @ParameterizedTest
    @ValueSource(ints = {-1, 1000})
    void reportsAWeightOutside0To999(int weight) {
        assertThat(problems("- {type: forward, targetGroups: [{name: web, weight: " + weight + "}]}"))
                .containsExactly(AT + "[0].targetGroups[0].weight: " + weight + " (expected: 0..999)");
    }

    @Test
    void reportsWeightsThatAreAllZero() {
        assertThat(problems("- {type: forward, targetGroups: [{name: web, weight: 0}, {name: api, weight: 0}]}"))
                .containsExactly(AT + "[0].targetGroups: every weight is 0 (expected: at least one weight above 0)");
    }

    @Test
    void reportsTheSameTargetGroupTwiceInOneForward() {
        assertThat(problems("- {type: forward, targetGroups: [{name: web}, {name: web, weight: 2}]}"))
                .containsExactly(AT + "[0].targetGroups[1].name: duplicate target group 'web' (also " + AT
                        + "[0].targetGroups[0].name)");
    }

    @Test
    void readsARedirectAndLeavesAbsentPartsNull() {
        assertThat(action("- {type: redirect, redirect: {protocol: HTTPS, statusCode: HTTP_302}}"))
                .isEqualTo(new Redirect("HTTPS", null, null, null, null, 302));
        assertThat(action("- {type: redirect, redirect: {port: \"8443\", query: \"\", statusCode: HTTP_301}}"))
                .isEqualTo(new Redirect(null, null, "8443", null, "", 301));
    }

    @Test
    void reportsEachInvalidRedirectPart() {
        assertThat(problems("""
                - type: redirect
                  redirect:
                    protocol: ftp
                    host: ""
                    port: 0
                    path: "#{path}"
                    query: "?a=1"
                    statusCode: 301
                """)).containsExactly(
                AT + "[0].redirect.protocol: 'ftp' (expected one of: HTTP, HTTPS, #{protocol})",
                AT + "[0].redirect.host: empty (expected: 1..128 characters)",
                AT + "[0].redirect.port: 0 (expected: 1..65535 or #{port})",
                AT + "[0].redirect.path: '#{path}' (expected: a path starting with '/')",
                AT + "[0].redirect.query: '?a=1' (expected: a query without the leading '?')",
                AT + "[0].redirect.statusCode: 301 (expected one of: HTTP_301, HTTP_302)");
    }

    @Test
    void requiresTheRedirectStatusCode() {
        assertThat(problems("- {type: redirect, redirect: {host: example.com}}"))
                .containsExactly(AT + "[0].redirect.statusCode: required");
        assertThat(problems("- {type: redirect, redirect: {host: example.com, statusCode: HTTP_307}}"))
                .containsExactly(AT + "[0].redirect.statusCode: 'HTTP_307' (expected one of: HTTP_301, HTTP_302)");
        assertThat(problems("- {type: redirect}")).containsExactly(AT + "[0].redirect: required");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{statusCode: HTTP_301}",
            "{protocol: \"#{protocol}\", host: \"#{host}\", port: \"#{port}\", path: \"/#{path}\","
                    + " query: changed, statusCode: HTTP_301}",
            "{host: \"#{host}\", statusCode: HTTP_302}"})
    void reportsARedirectThatChangesNothing(String redirect) {
        assertThat(problems("- {type: redirect, redirect: " + redirect + "}"))
                .containsExactly(AT + "[0].redirect: redirect changes nothing (loop)");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            "200"            | 200
            404              | 404
            "503"            | 503
            """)
    void readsAFixedResponseStatusGivenAsStringOrInteger(String status, int expected) {
        assertThat(action("- {type: fixed-response, fixedResponse: {statusCode: " + status + "}}"))
                .isEqualTo(new FixedResponse(expected, "text/plain", ""));
    }

    @ParameterizedTest
    @ValueSource(strings = {"302", "600", "20", "\"2000\"", "\"abc\""})
    void reportsAFixedResponseStatusThatIsNot2xx4xxOr5xx(String status) {
        assertThat(problems("- {type: fixed-response, fixedResponse: {statusCode: " + status + "}}"))
                .containsExactly(AT + "[0].fixedResponse.statusCode: " + status.replace('"', '\'')
                        + " (expected: a 2XX, 4XX or 5XX status code)");
    }

    @Test
    void reportsAFixedResponseContentTypeOrBodyThatAlbRefuses() {
        assertThat(problems("""
                - type: fixed-response
                  fixedResponse:
                    contentType: text/xml
                    messageBody: "%s"
                """.formatted("x".repeat(1025)))).containsExactly(
                AT + "[0].fixedResponse.statusCode: required",
                AT + "[0].fixedResponse.contentType: 'text/xml' (expected one of: text/plain, text/css, text/html,"
                        + " application/javascript, application/json)",
                AT + "[0].fixedResponse.messageBody: 1025 characters (expected: at most 1024 characters)");
    }

    @Test
    void acceptsAFixedResponseBodyOf1024Characters() {
        String body = "x".repeat(1024);

        assertThat(action("- {type: fixed-response, fixedResponse: {statusCode: 200, contentType: text/html,"
                + " messageBody: " + body + "}}")).isEqualTo(new FixedResponse(200, "text/html", body));
    }
}
