package dev.fulcrum.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.regex.Pattern;

/**
 * A value of the YAML tree at its path. Typed reads never throw: a wrong value is reported to {@link Problems}
 * and read as absent, so mapping goes on and finds the next problem too.
 *
 * <p>An absent key and an explicit {@code null} both count as absent for optional maps and lists (a section
 * whose entries are all commented out). Everywhere else {@code null} is a problem: {@code port:} with no value
 * is a mistake, not a request for the default, and so is a list element with nothing after its {@code -}.
 */
final class Node {

    private static final int MAX_QUOTED_LENGTH = 80;
    private static final Pattern INTEGER_TEXT = Pattern.compile("-?[0-9]{1,18}");

    private final String path;
    private final JsonNode json;
    private final Problems problems;
    private final boolean scalarsAsText;

    private Node(String path, JsonNode json, Problems problems, boolean scalarsAsText) {
        this.path = path;
        this.json = json;
        this.problems = problems;
        this.scalarsAsText = scalarsAsText;
    }

    static Node root(JsonNode json, Problems problems) {
        return new Node("", json, problems, false);
    }

    String path() {
        return path;
    }

    /** The raw value, {@code null} when absent. */
    JsonNode json() {
        return json;
    }

    boolean isPresent() {
        return json != null;
    }

    void problem(String message) {
        problems.add(path, message);
    }

    /**
     * The same value, but integers and booleans may also be written as strings ({@code "60"}, {@code "true"}):
     * ALB's attribute values are strings in its API, and users copy them from there.
     */
    Node scalarsAsText() {
        return new Node(path, json, problems, true);
    }

    Node get(String key) {
        JsonNode child = json != null && json.isObject() ? json.get(key) : null;
        return new Node(path.isEmpty() ? key : path + "." + key, child, problems, scalarsAsText);
    }

    /**
     * Checks that this is a map whose keys are all among {@code keys}; reports each unknown key at its own path.
     *
     * @return whether the value can be read as a map (absent and {@code null} can, as an empty one)
     */
    boolean isMapOf(Collection<String> keys) {
        if (json == null || json.isNull() && !isListItem()) {
            return true;
        }
        if (!json.isObject()) {
            problem("expected a map, got " + describe(json));
            return false;
        }
        for (Iterator<String> names = json.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!keys.contains(name)) {
                get(name).problem("unknown key (expected one of: " + String.join(", ", keys) + ")");
            }
        }
        return true;
    }

    /** Whether this is an element of a list, where {@code null} is a mistake ({@code - } with nothing after it). */
    private boolean isListItem() {
        return path.endsWith("]");
    }

    /** The elements at {@code path[i]}; absent and {@code null} read as an empty list. */
    List<Node> list() {
        if (json == null || json.isNull()) {
            return List.of();
        }
        if (!json.isArray()) {
            problem("expected a list, got " + describe(json));
            return List.of();
        }
        List<Node> elements = new ArrayList<>(json.size());
        for (int i = 0; i < json.size(); i++) {
            elements.add(new Node(path + "[" + i + "]", json.get(i), problems, scalarsAsText));
        }
        return elements;
    }

    /**
     * A list that must have elements: absent is {@code required}, and {@code null} or {@code []} is empty.
     *
     * @param expected what it must hold, for the message: {@code at least one listener}
     */
    List<Node> requiredList(String expected) {
        if (json == null) {
            problem("required (expected: " + expected + ")");
            return List.of();
        }
        List<Node> elements = list();
        if (json.isNull() || json.isArray() && json.isEmpty()) {
            problem("empty (expected: " + expected + ")");
        }
        return elements;
    }

    boolean isList() {
        return json != null && json.isArray();
    }

    /** Reports {@code required} when absent. */
    boolean require() {
        if (json == null) {
            problem("required");
            return false;
        }
        return true;
    }

    /** Any integer that fits a long; empty when absent or not an integer. */
    OptionalLong integer() {
        if (json == null) {
            return OptionalLong.empty();
        }
        if (json.isIntegralNumber() && json.canConvertToLong()) {
            return OptionalLong.of(json.longValue());
        }
        if (json.isIntegralNumber()) {
            problem(json.asText() + " (expected: at most " + Long.MAX_VALUE + ")");
            return OptionalLong.empty();
        }
        if (scalarsAsText && json.isTextual() && INTEGER_TEXT.matcher(json.textValue()).matches()) {
            return OptionalLong.of(Long.parseLong(json.textValue()));
        }
        problem("expected an integer, got " + describe(json));
        return OptionalLong.empty();
    }

    /** An integer within {@code min..max}; the message names the range. */
    OptionalInt integer(int min, int max) {
        OptionalLong value = integer(min, (long) max, min + ".." + max);
        return value.isPresent() ? OptionalInt.of((int) value.getAsLong()) : OptionalInt.empty();
    }

    /** An integer within {@code min..max}; {@code expected} says what is allowed, e.g. {@code 0 or 30..900}. */
    OptionalLong integer(long min, long max, String expected) {
        if (json != null && json.isIntegralNumber() && !json.canConvertToLong()) {
            outOfRange(json.asText(), expected);
            return OptionalLong.empty();
        }
        OptionalLong value = integer();
        if (value.isPresent() && (value.getAsLong() < min || value.getAsLong() > max)) {
            outOfRange(value.getAsLong(), expected);
            return OptionalLong.empty();
        }
        return value;
    }

    void outOfRange(Object value, String expected) {
        problem(value + " (expected: " + expected + ")");
    }

    /** Whole seconds within {@code min..max}, as YAML gives durations. */
    Optional<Duration> seconds(int min, int max) {
        OptionalInt value = integer(min, max);
        return value.isPresent() ? Optional.of(Duration.ofSeconds(value.getAsInt())) : Optional.empty();
    }

    Optional<Boolean> bool() {
        if (json == null) {
            return Optional.empty();
        }
        if (json.isBoolean()) {
            return Optional.of(json.booleanValue());
        }
        if (scalarsAsText && json.isTextual() && json.textValue().matches("true|false")) {
            return Optional.of(Boolean.parseBoolean(json.textValue()));
        }
        problem("expected true or false, got " + describe(json));
        return Optional.empty();
    }

    /**
     * The value when it is a string, else {@code null}, without reporting anything: for decisions made before the
     * value's own read reports its problems, so that one mistake makes one problem.
     */
    String peekText() {
        return json != null && json.isTextual() ? json.textValue() : null;
    }

    /** A string; YAML scalars that read as numbers or booleans are not strings (quote them). */
    Optional<String> string() {
        if (json == null) {
            return Optional.empty();
        }
        if (json.isTextual()) {
            return Optional.of(json.textValue());
        }
        problem("expected a string, got " + describe(json)
                + (json.isValueNode() && !json.isNull() ? " (write it in quotes)" : ""));
        return Optional.empty();
    }

    /** A string of {@code minLength..maxLength} characters. */
    Optional<String> string(int minLength, int maxLength) {
        Optional<String> value = string();
        if (value.isPresent() && (value.get().length() < minLength || value.get().length() > maxLength)) {
            int length = value.get().length();
            problem((length == 0 ? "empty" : length + " characters") + " (expected: "
                    + (minLength == 0 ? "at most " + maxLength : minLength + ".." + maxLength) + " characters)");
            return Optional.empty();
        }
        return value;
    }

    /** One of the keys of {@code choices}, which are given in the order the message lists them. */
    <T> Optional<T> oneOf(Map<String, T> choices) {
        return oneOf(List.copyOf(choices.keySet())).map(choices::get);
    }

    /** One of {@code choices}, in the order the message lists them. */
    Optional<String> oneOf(List<String> choices) {
        if (json == null) {
            return Optional.empty();
        }
        if (!json.isTextual() || !choices.contains(json.textValue())) {
            problem(describe(json) + " (expected one of: " + String.join(", ", choices) + ")");
            return Optional.empty();
        }
        return Optional.of(json.textValue());
    }

    /** The value as messages show it; a long one is cut, as the message is about where it is, not all of it. */
    static String quote(String text) {
        return "'" + (text.length() > MAX_QUOTED_LENGTH ? text.substring(0, MAX_QUOTED_LENGTH - 3) + "..." : text)
                + "'";
    }

    static String describe(JsonNode value) {
        if (value.isNull()) {
            return "null";
        }
        if (value.isObject()) {
            return "a map";
        }
        if (value.isArray()) {
            return "a list";
        }
        return value.isTextual() ? quote(value.textValue()) : value.asText();
    }
}
