package dev.fulcrum.config;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/** Maps a rule's {@code conditions} and checks them against ALB's limits. */
final class ConditionMapper {

    /** ALB's quota: condition values per rule, counted across all its conditions. */
    static final int MAX_VALUES_PER_RULE = 5;
    static final int MAX_VALUE_LENGTH = 128;
    static final int MAX_HEADER_NAME_LENGTH = 40;
    static final int MAX_METHOD_LENGTH = 40;

    private static final String HOST_HEADER = "host-header";
    private static final String PATH_PATTERN = "path-pattern";
    private static final String HTTP_HEADER = "http-header";
    private static final String HTTP_REQUEST_METHOD = "http-request-method";
    private static final String QUERY_STRING = "query-string";
    private static final String SOURCE_IP = "source-ip";
    private static final List<String> FIELDS = List.of(HOST_HEADER, PATH_PATTERN, HTTP_HEADER,
            HTTP_REQUEST_METHOD, QUERY_STRING, SOURCE_IP);
    /** The fields a rule may use once; http-header and query-string may repeat. */
    private static final Set<String> ONCE_PER_RULE = Set.of(HOST_HEADER, PATH_PATTERN, HTTP_REQUEST_METHOD, SOURCE_IP);

    private static final List<String> KEYS = List.of("field", "values");
    private static final List<String> HEADER_KEYS = List.of("field", "httpHeaderName", "values");
    private static final List<String> KEY_VALUE_KEYS = List.of("key", "value");

    private static final Pattern HOST_CHARS = Pattern.compile("[A-Za-z0-9.*?-]");
    private static final Pattern PATH_CHARS = Pattern.compile("[A-Za-z0-9_.$/~\"'@:+&*?-]");
    private static final Pattern METHOD = Pattern.compile("[A-Z_-]{1," + MAX_METHOD_LENGTH + "}");
    /** RFC 7230 token characters, less '*': ALB allows no wildcards in header names. */
    private static final Pattern TOKEN = Pattern.compile("[!#$%&'+.^_`|~0-9A-Za-z-]+");

    private ConditionMapper() {
    }

    static List<ConditionConfig> conditions(Node node) {
        List<Node> items = node.requiredList("at least one condition");
        List<ConditionConfig> conditions = new ArrayList<>();
        Map<String, String> onceFields = new HashMap<>();
        int values = 0;
        for (Node item : items) {
            condition(item).ifPresent(conditions::add);
            String field = item.get("field").peekText();
            if (field != null && ONCE_PER_RULE.contains(field)) {
                String first = onceFields.putIfAbsent(field, item.path());
                if (first != null) {
                    item.get("field").problem("duplicate " + field + " condition (also " + first
                            + "; expected: at most one per rule)");
                }
            }
            Node valuesNode = item.get("values");
            values += valuesNode.isList() ? valuesNode.json().size() : 0;
        }
        if (values > MAX_VALUES_PER_RULE) {
            node.problem(values + " condition values in this rule (expected: at most " + MAX_VALUES_PER_RULE
                    + " across all conditions)");
        }
        return conditions;
    }

    private static Optional<ConditionConfig> condition(Node item) {
        Node fieldNode = item.get("field");
        String peeked = fieldNode.peekText();
        // Until the field is known, httpHeaderName is not reported as unknown: one mistake, one problem.
        boolean headerKeyAllowed = peeked == null || HTTP_HEADER.equals(peeked) || !FIELDS.contains(peeked);
        if (!item.isMapOf(headerKeyAllowed ? HEADER_KEYS : KEYS)) {
            return Optional.empty();
        }
        fieldNode.require();
        Optional<String> field = fieldNode.oneOf(FIELDS);
        List<Node> values = item.get("values").requiredList("at least one value");
        if (field.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(switch (field.get()) {
            case HOST_HEADER -> new ConditionConfig.HostHeader(strings(values, ConditionMapper::hostHeaderProblem));
            case PATH_PATTERN ->
                    new ConditionConfig.PathPattern(strings(values, ConditionMapper::pathPatternProblem));
            case HTTP_HEADER -> new ConditionConfig.HttpHeader(headerName(item.get("httpHeaderName")),
                    strings(values, value -> Optional.empty()));
            case HTTP_REQUEST_METHOD ->
                    new ConditionConfig.HttpRequestMethod(strings(values, ConditionMapper::methodProblem));
            case QUERY_STRING -> new ConditionConfig.QueryString(keyValues(values));
            default -> new ConditionConfig.SourceIp(strings(values, ConditionMapper::sourceIpProblem));
        });
    }

    private static List<String> strings(List<Node> values, Function<String, Optional<String>> check) {
        List<String> result = new ArrayList<>();
        for (Node value : values) {
            value.string(1, MAX_VALUE_LENGTH).ifPresent(text -> {
                Optional<String> problem = check.apply(text);
                problem.ifPresent(value::problem);
                if (problem.isEmpty()) {
                    result.add(text);
                }
            });
        }
        return result;
    }

    private static List<ConditionConfig.KeyValue> keyValues(List<Node> values) {
        List<ConditionConfig.KeyValue> result = new ArrayList<>();
        for (Node item : values) {
            if (item.isMapOf(KEY_VALUE_KEYS)) {
                Optional<String> key = item.get("key").string(1, MAX_VALUE_LENGTH);
                Node value = item.get("value");
                value.require();
                value.string(1, MAX_VALUE_LENGTH)
                        .ifPresent(text -> result.add(new ConditionConfig.KeyValue(key.orElse(null), text)));
            }
        }
        return result;
    }

    private static String headerName(Node node) {
        node.require();
        Optional<String> name = node.string(1, MAX_HEADER_NAME_LENGTH);
        if (name.isPresent() && !TOKEN.matcher(name.get()).matches()) {
            node.problem(Node.quote(name.get()) + " (expected: a header name, an RFC 7230 token without '*')");
        } else if (name.isPresent() && name.get().toLowerCase(Locale.ROOT).equals("host")) {
            node.problem(Node.quote(name.get()) + " (expected: a header other than Host; use a host-header condition)");
        }
        return name.orElse("");
    }

    private static Optional<String> hostHeaderProblem(String value) {
        return invalidCharacter(value, HOST_CHARS, "A-Z a-z 0-9 - . * ?");
    }

    private static Optional<String> pathPatternProblem(String value) {
        // ALB matches a pattern against the path, so a pattern that cannot start a path can never match.
        if (!value.startsWith("/") && !value.startsWith("*")) {
            return Optional.of(Node.quote(value) + " (expected: a path pattern starting with '/' or '*')");
        }
        return invalidCharacter(value, PATH_CHARS, "A-Z a-z 0-9 _ - . $ / ~ \" ' @ : + & * ?");
    }

    private static Optional<String> methodProblem(String value) {
        return METHOD.matcher(value).matches() ? Optional.empty()
                : Optional.of(Node.quote(value) + " (expected: up to " + MAX_METHOD_LENGTH + " of A-Z - _)");
    }

    private static Optional<String> sourceIpProblem(String value) {
        if (!IpLiterals.isCidr(value)) {
            return Optional.of(Node.quote(value) + " (expected: an IPv4 or IPv6 CIDR block such as 10.0.0.0/8)");
        }
        if (value.equals("255.255.255.255/32")) {
            return Optional.of(Node.quote(value) + " (expected: a CIDR block other than the broadcast address)");
        }
        return Optional.empty();
    }

    private static Optional<String> invalidCharacter(String value, Pattern allowed, String allowedText) {
        for (int i = 0; i < value.length(); i++) {
            String c = String.valueOf(value.charAt(i));
            if (!allowed.matcher(c).matches()) {
                return Optional.of(Node.quote(value) + " (invalid character " + Node.quote(c) + "; allowed: "
                        + allowedText + ")");
            }
        }
        return Optional.empty();
    }
}
