package dev.fulcrum.diagnose;

/**
 * One access-log line, parsed: the fields the diagnosis reads, in every format's common units. Times are epoch
 * microseconds, durations microseconds ({@link #NOT_REACHED} for ALB's and CLB's -1), statuses {@link #NONE} for
 * {@code -}, text {@code null} for {@code -}.
 *
 * <p>One instance is refilled for every line of a file (millions of lines make no garbage for the fields that
 * are numbers); what must outlive the line is copied out by whoever keeps it.
 */
final class LogEntry {

    /**
     * Whether a balancer status is an error to explain: 4XX and 5XX, and ALB's 000 (no response at all, e.g. an
     * HTTP/2 stream refused after GOAWAY).
     */
    static boolean isError(int elbStatus) {
        return elbStatus >= 400 || elbStatus == 0;
    }

    static final long NOT_REACHED = -1;
    static final long UNKNOWN_TIME = Long.MIN_VALUE;
    static final int NONE = -1;

    LineFormat format;
    /** ALB: when the response was made; CLB: when the request was received (CLB's {@code time}). */
    long timeMicros;
    /** ALB's {@code request_creation_time}, {@link #UNKNOWN_TIME} when the format has none. */
    long createdMicros;
    String target;
    String targetGroup;
    long requestMicros;
    long targetMicros;
    long responseMicros;
    int elbStatus;
    int targetStatus;
    long receivedBytes;
    String method;
    String url;
    String protocol;
    String errorReason;
    String errorPhase;
    String classification;
    String classificationReason;
    boolean fixedResponse;
    boolean redirect;
    int matchedRulePriority;

    void clear() {
        format = null;
        timeMicros = UNKNOWN_TIME;
        createdMicros = UNKNOWN_TIME;
        target = null;
        targetGroup = null;
        requestMicros = NOT_REACHED;
        targetMicros = NOT_REACHED;
        responseMicros = NOT_REACHED;
        elbStatus = NONE;
        targetStatus = NONE;
        receivedBytes = 0;
        method = null;
        url = null;
        protocol = null;
        errorReason = null;
        errorPhase = null;
        classification = null;
        classificationReason = null;
        fixedResponse = false;
        redirect = false;
        matchedRulePriority = NONE;
    }

    /** True when the target produced the status the client got (the seeds' first question). */
    boolean fromTarget() {
        return targetStatus != NONE && targetStatus == elbStatus;
    }

    /** When the request arrived: ALB's request_creation_time, CLB's time. */
    long startMicros() {
        return createdMicros != UNKNOWN_TIME ? createdMicros : timeMicros;
    }

    /** When the response was made: ALB's time; for CLB, its time plus the three processing times. */
    long endMicros() {
        if (createdMicros != UNKNOWN_TIME) {
            return timeMicros;
        }
        return timeMicros + Math.max(0, requestMicros) + Math.max(0, targetMicros) + Math.max(0, responseMicros);
    }

    /**
     * How long the balancer held the request before answering: ALB's {@code time - request_creation_time}, which
     * is there even when the processing times are -1; {@link #NOT_REACHED} when the format cannot tell (CLB lines
     * with -1 times).
     */
    long elapsedMicros() {
        if (createdMicros != UNKNOWN_TIME) {
            return Math.max(0, timeMicros - createdMicros);
        }
        if (requestMicros < 0 && targetMicros < 0 && responseMicros < 0) {
            return NOT_REACHED;
        }
        return Math.max(0, requestMicros) + Math.max(0, targetMicros) + Math.max(0, responseMicros);
    }

    /** The URL's path, without the query; {@code null} when the request could not be read. */
    String path() {
        if (url == null) {
            return null;
        }
        int start = url.indexOf("://");
        int slash = start < 0 ? url.indexOf('/') : url.indexOf('/', start + 3);
        if (slash < 0) {
            return url;
        }
        int query = url.indexOf('?', slash);
        return query < 0 ? url.substring(slash) : url.substring(slash, query);
    }
}
