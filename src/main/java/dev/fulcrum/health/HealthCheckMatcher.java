package dev.fulcrum.health;

import java.util.ArrayList;
import java.util.List;

/** ALB's success codes: {@code 200}, a list {@code 200,202}, a range {@code 200-299}, or a list of both. */
final class HealthCheckMatcher {

    private final int[] from;
    private final int[] to;

    private HealthCheckMatcher(int[] from, int[] to) {
        this.from = from;
        this.to = to;
    }

    /** Parses a matcher the config loader validated. */
    static HealthCheckMatcher parse(String text) {
        List<int[]> ranges = new ArrayList<>();
        for (String part : text.split(",")) {
            String p = part.trim();
            int dash = p.indexOf('-');
            int low = Integer.parseInt(dash < 0 ? p : p.substring(0, dash).trim());
            int high = dash < 0 ? low : Integer.parseInt(p.substring(dash + 1).trim());
            ranges.add(new int[] {low, high});
        }
        int[] from = new int[ranges.size()];
        int[] to = new int[ranges.size()];
        for (int i = 0; i < from.length; i++) {
            from[i] = ranges.get(i)[0];
            to[i] = ranges.get(i)[1];
        }
        return new HealthCheckMatcher(from, to);
    }

    boolean matches(int status) {
        for (int i = 0; i < from.length; i++) {
            if (status >= from[i] && status <= to[i]) {
                return true;
            }
        }
        return false;
    }
}
