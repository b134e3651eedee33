package dev.fulcrum.diagnose;

import java.util.Map;

/**
 * One part seen against the whole log: the questions the evidence rules ask of it (is its target gone, dead,
 * idle before the errors, serving other requests meanwhile...), each answered from the bounded counts.
 */
final class Facts {

    private static final long MINUTE_MICROS = 60_000_000L;

    final Part part;
    final Analysis log;
    final Settings settings;

    Facts(Part part, Analysis log) {
        this.part = part;
        this.log = log;
        this.settings = log.settings;
    }

    int status() {
        return part.key.status();
    }

    Signature signature() {
        return part.key.signature();
    }

    String who() {
        return part.key.who();
    }

    NodeStats target() {
        return who() == null ? null : log.targets.get(who());
    }

    NodeStats group() {
        String g = part.key.signature() == Signature.NO_TARGET ? who() : part.group;
        return g == null ? null : log.groups.get(g);
    }

    /** Median duration of the part's lines. */
    String median() {
        return Text.seconds(part.durations.percentile(0.5));
    }

    /** Lines of the same status, signature and error_reason, over all targets. */
    long sameKind() {
        long n = 0;
        for (Part p : log.parts()) {
            if (p.key.status() == status() && p.key.signature() == signature()
                    && java.util.Objects.equals(p.key.reason(), part.key.reason())) {
                n += p.count;
            }
        }
        return n;
    }

    /** This part's share of the lines of its kind: near 1 when they concentrate on one target. */
    double concentration() {
        long all = sameKind();
        return all == 0 ? 1 : part.count / (double) all;
    }

    /** The target answered nothing since the part's first error (or ever). */
    boolean targetDead() {
        NodeStats t = target();
        return t != null && t.lastResponseMicros < part.firstMicros;
    }

    boolean targetNeverAnswered() {
        NodeStats t = target();
        return t != null && t.responses == 0;
    }

    /**
     * The target's last requests were these errors, and the log goes on for a minute or more without it: it was
     * deregistered (or stopped) with requests in flight.
     */
    boolean targetGone() {
        NodeStats t = target();
        return t != null && t.responses > 0 && t.lastMicros == part.lastMicros
                && log.lastMicros - t.lastMicros >= MINUTE_MICROS;
    }

    /**
     * Most of the part's lines came after the target had been idle a while (at least the shortest such pause,
     * which is shorter than the idle timeout), and requests after such a pause seldom got an answer: the target
     * closes idle connections before the balancer does.
     */
    boolean afterKeepAliveExpired() {
        if (part.afterIdleGap < 2 || part.afterIdleGap < 0.6 * part.count) {
            return false;
        }
        long gap = part.shortestIdleGapMicros;
        if (gap >= settings.idleTimeoutMicros()) {
            return false;
        }
        return log.answeredGaps.countAtLeast(gap) <= part.afterIdleGap;
    }

    /** The estimated keep-alive timeout of the target, in whole seconds (the shortest pause before a 502). */
    long keepAliveSeconds() {
        return Math.max(1, part.shortestIdleGapMicros / 1_000_000);
    }

    /**
     * Most lines asked for one path, which the rest of the traffic asks for much less, while the target answered
     * other requests: its answer to that one request is wrong.
     */
    boolean onOnePath() {
        Map.Entry<String, Long> top = part.topPath();
        NodeStats t = target();
        return top != null && part.count >= 3 && top.getValue() >= 0.8 * part.count && t != null
                && t.responses > 0 && log.answeredShare(top.getKey()) <= 0.5;
    }

    /** Responses the part's group (or, without one, any target) gave in the minutes of the part's errors. */
    long servedMeanwhile() {
        NodeStats g = group();
        if (g != null) {
            return g.responsesBetween(part.firstMicros, part.lastMicros);
        }
        return log.minutes.responsesBetween(part.firstMicros, part.lastMicros);
    }

    /** The most errors of this part in one minute, and when: bursts of 503. */
    String burst() {
        long minutes = Math.max(1, (part.lastMicros - part.firstMicros) / MINUTE_MICROS + 1);
        return Text.count(part.count, "line") + " from " + Text.clock(part.firstMicros) + " to "
                + Text.clock(part.lastMicros) + (minutes > 1 ? " (" + minutes + " minutes)" : "");
    }

    String idle() {
        return Text.timeout(settings.idleTimeoutSeconds());
    }

    String connect() {
        return Text.timeout(settings.connectTimeoutSeconds());
    }

    String whoOr(String otherwise) {
        return who() == null ? otherwise : who();
    }
}
