package dev.fulcrum.routing;

import java.util.ArrayList;
import java.util.List;

/**
 * One part of a redirect's Location (protocol, host, port, path or query) with its {@code #{...}} keywords
 * compiled once. Rendering is a single pass, so a request value that itself contains {@code #{host}} is copied as
 * text and never expanded.
 */
final class LocationTemplate {

    /** The keywords ALB defines; an unknown {@code #{...}} is kept as literal text. */
    enum Keyword {
        PROTOCOL("#{protocol}"),
        HOST("#{host}"),
        PORT("#{port}"),
        PATH("#{path}"),
        QUERY("#{query}");

        private final String token;

        Keyword(String token) {
            this.token = token;
        }
    }

    /** The request's values for each keyword, already in the form they are written in. */
    record Values(String protocol, String host, String port, String path, String query) {

        String of(Keyword keyword) {
            switch (keyword) {
                case PROTOCOL:
                    return protocol;
                case HOST:
                    return host;
                case PORT:
                    return port;
                case PATH:
                    return path;
                default:
                    return query;
            }
        }
    }

    private final String text;
    /** Literal {@link String}s and {@link Keyword}s, in order. */
    private final List<Object> parts;

    private LocationTemplate(String text, List<Object> parts) {
        this.text = text;
        this.parts = parts;
    }

    static LocationTemplate compile(String text) {
        List<Object> parts = new ArrayList<>();
        StringBuilder literal = new StringBuilder();
        int i = 0;
        while (i < text.length()) {
            Keyword keyword = keywordAt(text, i);
            if (keyword == null) {
                literal.append(text.charAt(i++));
                continue;
            }
            if (literal.length() > 0) {
                parts.add(literal.toString());
                literal.setLength(0);
            }
            parts.add(keyword);
            i += keyword.token.length();
        }
        if (literal.length() > 0) {
            parts.add(literal.toString());
        }
        return new LocationTemplate(text, List.copyOf(parts));
    }

    private static Keyword keywordAt(String text, int index) {
        if (text.charAt(index) != '#') {
            return null;
        }
        for (Keyword keyword : Keyword.values()) {
            if (text.startsWith(keyword.token, index)) {
                return keyword;
            }
        }
        return null;
    }

    String render(Values values) {
        if (parts.size() == 1 && parts.get(0) instanceof Keyword keyword) {
            return values.of(keyword);
        }
        StringBuilder out = new StringBuilder();
        for (Object part : parts) {
            out.append(part instanceof Keyword keyword ? values.of(keyword) : (String) part);
        }
        return out.toString();
    }

    @Override
    public String toString() {
        return text;
    }
}
