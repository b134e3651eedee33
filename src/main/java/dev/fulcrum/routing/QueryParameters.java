package dev.fulcrum.routing;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits a raw query by {@code &} and {@code =} and percent-decodes keys and values as UTF-8. {@code +} stays
 * {@code +}: ALB matches the query as URI syntax, not as an HTML form. Never throws: a malformed escape such as
 * {@code %zz} is kept as written and bytes that are not UTF-8 become U+FFFD.
 */
final class QueryParameters {

    /** One decoded parameter; a parameter without {@code =} has the empty value. */
    record Parameter(String key, String value) {
    }

    private QueryParameters() {
    }

    static List<Parameter> parse(String rawQuery) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return List.of();
        }
        List<Parameter> parameters = new ArrayList<>(4);
        int start = 0;
        while (start <= rawQuery.length()) {
            int end = rawQuery.indexOf('&', start);
            if (end < 0) {
                end = rawQuery.length();
            }
            if (end > start) { // "a=1&&b=2" has no third parameter
                int equals = rawQuery.indexOf('=', start);
                if (equals < 0 || equals > end) {
                    parameters.add(new Parameter(decode(rawQuery, start, end), ""));
                } else {
                    parameters.add(new Parameter(decode(rawQuery, start, equals), decode(rawQuery, equals + 1, end)));
                }
            }
            start = end + 1;
        }
        return parameters;
    }

    static String decode(String s, int start, int end) {
        int percent = s.indexOf('%', start);
        if (percent < 0 || percent >= end) {
            return s.substring(start, end);
        }
        StringBuilder out = new StringBuilder(end - start);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int i = start;
        while (i < end) {
            char c = s.charAt(i);
            int high = c == '%' && i + 2 < end ? hex(s.charAt(i + 1)) : -1;
            int low = high >= 0 ? hex(s.charAt(i + 2)) : -1;
            if (low >= 0) {
                bytes.write(high << 4 | low);
                i += 3;
            } else {
                flush(bytes, out);
                out.append(c);
                i++;
            }
        }
        flush(bytes, out);
        return out.toString();
    }

    private static void flush(ByteArrayOutputStream bytes, StringBuilder out) {
        if (bytes.size() > 0) {
            out.append(bytes.toString(StandardCharsets.UTF_8));
            bytes.reset();
        }
    }

    private static int hex(char c) {
        return Character.digit(c, 16) >= 0 && c < 128 ? Character.digit(c, 16) : -1;
    }
}
