package dev.fulcrum.diagnose;

/** The access-log formats diagnose reads, and how a file's first line tells which one it holds. */
enum LineFormat {
    /** ALB's space-separated line (30 fields today; more trailing ones are ignored). */
    ALB("alb"),
    /** The Classic Load Balancer's 15 fields. */
    CLB("clb"),
    /** Fulcrum's JSON object per line, ALB's fields under ALB's names. */
    JSON("json");

    private final String label;

    LineFormat(String label) {
        this.label = label;
    }

    String label() {
        return label;
    }

    /** The format of {@code line}, or {@code null} when it looks like none of them. */
    static LineFormat detect(String line) {
        String s = line.stripLeading();
        if (s.startsWith("{")) {
            return JSON;
        }
        int space = s.indexOf(' ');
        if (space <= 0) {
            return null;
        }
        if (Fields.looksLikeTime(s, 0, space)) {
            return CLB;
        }
        int second = s.indexOf(' ', space + 1);
        if (second > space && Fields.looksLikeTime(s, space + 1, second)) {
            return ALB;
        }
        return null;
    }
}
