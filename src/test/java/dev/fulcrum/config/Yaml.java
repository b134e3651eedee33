package dev.fulcrum.config;

import java.util.List;

/** Builds small configuration files around the part a test is about, and reads their problems. */
final class Yaml {

    /** A listener whose default action forwards to {@code web}; target groups {@code web} and {@code api}. */
    static final String MINIMAL = """
            listeners:
              - port: 0
                defaultActions:
                  - type: forward
                    targetGroup: web
            targetGroups:
              - name: web
              - name: api
            """;

    private Yaml() {
    }

    /** The problems of {@code yaml} as {@code path: message} lines; fails when it loads. */
    static List<String> problems(String yaml) {
        try {
            FulcrumConfig config = ConfigLoader.parse(yaml);
            throw new AssertionError("expected problems, but the file loads: " + config);
        } catch (ConfigException e) {
            return e.problems().stream().map(ConfigProblem::toString).toList();
        }
    }

    static FulcrumConfig load(String yaml) {
        try {
            return ConfigLoader.parse(yaml);
        } catch (ConfigException e) {
            throw new AssertionError("expected a valid file, got " + e.getMessage(), e);
        }
    }

    /** {@link #MINIMAL} with more top-level sections before it ({@code loadBalancer}, {@code admin}). */
    static String withSections(String sections) {
        return sections + MINIMAL;
    }

    /** One listener ({@code listeners[0]}) with the given rules list items under {@code rules:}. */
    static String withRules(String rules) {
        return "listeners:\n  - port: 0\n    rules:\n" + rules.indent(6)
                + "    defaultActions: [{type: forward, targetGroup: web}]\n"
                + "targetGroups:\n  - name: web\n  - name: api\n";
    }

    /** One rule ({@code listeners[0].rules[0]}) with the given condition list items, forwarding to web. */
    static String withConditions(String conditions) {
        return withRules("- priority: 1\n  conditions:\n" + conditions.indent(4)
                + "  actions: [{type: forward, targetGroup: web}]\n");
    }

    /** One rule ({@code listeners[0].rules[0]}) matching {@code /x} whose actions are the given list items. */
    static String withActions(String actions) {
        return withRules("- priority: 1\n  conditions: [{field: path-pattern, values: [/x]}]\n  actions:\n"
                + actions.indent(4));
    }

    /** A listener forwarding to {@code web}, and the given target group list items ({@code targetGroups[0]}..). */
    static String withTargetGroups(String targetGroups) {
        return "listeners:\n  - port: 0\n    defaultActions: [{type: forward, targetGroup: web}]\n"
                + "targetGroups:\n" + targetGroups.indent(2);
    }

    /** {@code targetGroups[0]} named web with the given keys (indented as the group's own keys). */
    static String withWebGroup(String keys) {
        return withTargetGroups("- name: web\n" + keys.indent(2));
    }
}
