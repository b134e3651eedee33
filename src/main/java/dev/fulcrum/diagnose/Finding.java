package dev.fulcrum.diagnose;

import java.util.List;

/**
 * One explained error: a status, who made it happen, the cause (the catalog's error_reason code for what the
 * balancer answered itself), how many lines it explains and their share of all error lines, the targets they
 * came from, the evidence in the log, the catalog's remedies, and the other causes the log cannot rule out.
 *
 * @param likelihood {@code recorded} (the line's own error_reason), {@code likely} (the evidence points to it) or
 *     {@code possible} (nothing in the log tells it from the alternatives; the most common is named)
 * @param conclusion what to do, said for this log (e.g. "raise it above 60 s"), or {@code null}
 */
public record Finding(int status, String source, String cause, String likelihood, long count, double share,
        List<TargetCount> targets, List<String> targetGroups, String explanation, List<String> evidence,
        String conclusion, List<String> remedies, List<Alternative> alternatives) {

    /** A target and how many of the finding's lines came from it. */
    public record TargetCount(String target, long count) {
    }

    /** A cause the evidence does not rule out. */
    public record Alternative(String cause, String explanation, List<String> remedies) {
    }

    static final String RECORDED = "recorded";
    static final String LIKELY = "likely";
    static final String POSSIBLE = "possible";
}
