package dev.fulcrum.diagnose;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Hand-written access-log lines in the shapes of AWS's documentation examples (ALB's 2018 example line, CLB's
 * example line), with no error_reason: what a test wants to encode lives only in the times, targets and statuses.
 */
final class LogLines {

    static final Instant T0 = Instant.parse("2026-11-30T09:00:00Z");
    private static final DateTimeFormatter MICROS =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);

    private final List<String> lines = new ArrayList<>();
    private final boolean clb;

    private LogLines(boolean clb) {
        this.clb = clb;
    }

    static LogLines alb() {
        return new LogLines(false);
    }

    static LogLines clb() {
        return new LogLines(true);
    }

    /**
     * One request that arrived {@code atSeconds} after {@link #T0} and was answered {@code elapsedSeconds} later.
     *
     * @param target {@code ip:port} or {@code -}
     * @param targetStatus the target's status, or -1 for {@code -}
     * @param targetSeconds target_processing_time, or -1
     */
    LogLines request(double atSeconds, double elapsedSeconds, String target, int elbStatus, int targetStatus,
            double targetSeconds, String path, String group) {
        Instant created = T0.plusNanos(Math.round(atSeconds * 1e9));
        Instant answered = created.plusNanos(Math.round(elapsedSeconds * 1e9));
        boolean dispatched = targetSeconds >= 0;
        String rpt = dispatched ? seconds(0.0, clb) : "-1";
        String tpt = dispatched ? seconds(targetSeconds, clb) : "-1";
        String respt = dispatched ? seconds(0.0, clb) : "-1";
        String ts = targetStatus < 0 ? "-" : Integer.toString(targetStatus);
        if (clb) {
            lines.add(MICROS.format(created) + " my-loadbalancer 192.168.131.39:2817 " + target + " " + rpt + " " + tpt
                    + " " + respt + " " + elbStatus + " " + ts + " 0 29 \"GET http://www.example.com:80" + path
                    + " HTTP/1.1\" \"curl/7.38.0\" - -");
        } else {
            String arn = group == null ? "-" : "arn:aws:elasticloadbalancing:us-east-2:123456789012:targetgroup/"
                    + group + "/73e2d6bc24d8a067";
            lines.add("http " + MICROS.format(answered) + " app/my-loadbalancer/50dc6c495c0c9188 192.168.131.39:2817 "
                    + target + " " + rpt + " " + tpt + " " + respt + " " + elbStatus + " " + ts + " 34 366 \"GET"
                    + " http://www.example.com:80" + path + " HTTP/1.1\" \"curl/7.46.0\" - - " + arn
                    + " \"Root=1-58337262-36d228ad5d99923122bbe354\" \"-\" \"-\" 0 " + MICROS.format(created)
                    + " \"forward\" \"-\" \"-\" \"" + target + "\" \"" + ts + "\" \"-\" \"-\"");
        }
        return this;
    }

    /** A target's ordinary 200 after {@code targetSeconds}. */
    LogLines ok(double atSeconds, String target, double targetSeconds) {
        return request(atSeconds, targetSeconds, target, 200, 200, targetSeconds, "/", "web");
    }

    /** A balancer-made error with every processing time -1. */
    LogLines balancer(double atSeconds, double elapsedSeconds, String target, int status) {
        return request(atSeconds, elapsedSeconds, target, status, -1, -1, "/", target.equals("-") ? null : "web");
    }

    LogLines raw(String line) {
        lines.add(line);
        return this;
    }

    List<String> lines() {
        return List.copyOf(lines);
    }

    String text() {
        return String.join("\n", lines) + "\n";
    }

    private static String seconds(double s, boolean micros) {
        return String.format(Locale.ROOT, micros ? "%.6f" : "%.3f", s);
    }
}
