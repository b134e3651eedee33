package dev.fulcrum.diagnose;

import java.util.List;
import java.util.Map;

/**
 * What {@code fulcrum diagnose} found in a log: the result every report renders. Durations are in seconds.
 *
 * @param lines non-blank lines read
 * @param entries lines read and in scope
 * @param outOfScope lines read but outside the time window or target filter
 * @param summary the report's first sentences: who made the errors, and the main causes with what to do
 */
public record Diagnosis(long lines, long entries, long outOfScope, UnparsedLines unparsed, List<Source> sources,
        String from, String to, double idleTimeoutSeconds, double connectTimeoutSeconds, List<String> summary,
        List<StatusSplit> statuses, Map<String, StatusSplit> statusClasses, List<Finding> findings,
        List<Node> targets, List<Node> targetGroups, List<Minute> minutes, List<ReasonCount> errorReasons,
        List<ReasonCount> classifications, Latency latency, List<Slow> slowest) {

    /** Lines that could not be read, the first few of them, and inputs that broke off. */
    public record UnparsedLines(long count, List<Example> examples, List<String> problems) {
    }

    /** One unreadable line: where, why, and how it starts. */
    public record Example(String source, long line, String reason, String text) {
    }

    /** One input and the format told from its first line. */
    public record Source(String name, String format, long lines, long unparsed) {
    }

    /** How many responses with a status (or class, 5XX) the balancer made, and how many came from targets. */
    public record StatusSplit(int status, long balancer, long target) {
    }

    /** A target or target group: its requests, errors by who made them, and target_processing_time percentiles. */
    public record Node(String name, String group, long requests, long balancerErrors, long targetErrors,
            List<StatusSplit> statuses, Latency latency) {
    }

    /** target_processing_time: how many, percentiles and the longest, in seconds. */
    public record Latency(long count, double p50, double p90, double p99, double max) {
    }

    /** One minute: requests, error responses by class and source, and target_processing_time percentiles. */
    public record Minute(String minute, long requests, long balancer4xx, long balancer5xx, long target4xx,
            long target5xx, List<StatusSplit> statuses, Latency latency) {
    }

    /** A count per error_reason (with its status) or per desync classification (with its reason). */
    public record ReasonCount(String name, String detail, long count) {
    }

    /** One of the slowest requests. */
    public record Slow(String time, double elapsed, double targetProcessingTime, int status, String targetStatus,
            String target, String request) {
    }
}
