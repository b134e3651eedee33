package dev.fulcrum.diagnose;

/**
 * What one error line's own fields say, before the whole log is seen: the timing of a 504, whether a 502 got any
 * response, the shape of a 400. Lines are grouped by it (and by target) so the rules can judge each group.
 */
enum Signature {
    /** Held as long as the target connect timeout. */
    CONNECT_TIMING,
    /** Held as long as the idle timeout. */
    IDLE_TIMING,
    /** A 408 held as long as the request head's deadline (Fulcrum's client_header_timeout), not the idle timeout. */
    HEADER_TIMING,
    /** Held as long as both timeouts, which are equal: the timing cannot tell them apart. */
    BOTH_TIMINGS,
    /** Held longer than the idle timeout: something was sent, then a whole idle timeout passed. */
    PAST_IDLE,
    /** Held for a time that is neither timeout. */
    OTHER_TIMING,
    /** The line carries no duration (CLB lines with -1 times). */
    NO_TIMING,
    /** A 502 with every processing time -1: no response headers were taken from the target. */
    NO_RESPONSE,
    /** A 502 with a target processing time: the target answered, and the answer was refused. */
    RESPONSE_SEEN,
    /** No target was chosen (a 503 before any target). */
    NO_TARGET,
    /** The request itself could not be read ({@code "- - -"}). */
    UNREADABLE_REQUEST,
    /** The request's URL has no host ({@code http://-:80/}): it came without a Host header. */
    NO_HOST,
    /** More than 64 KiB received before the answer. */
    OVER_64K,
    /** More than 16 KiB received before the answer. */
    OVER_16K,
    /** A CONNECT request. */
    CONNECT_METHOD,
    /** A TRACE request. */
    TRACE_METHOD,
    /** A request with a body (POST, PUT, PATCH) refused before dispatch. */
    BODY_METHOD,
    /** The request had been sent to a target when the balancer answered. */
    DISPATCHED,
    /** A fixed-response action of a rule answered. */
    FIXED_RESPONSE,
    /** The target's own status, passed through. */
    TARGET_MADE,
    /** Nothing particular. */
    PLAIN;

    /** The signature of a line the balancer answered itself with an error status. */
    static Signature ofBalancerError(LogEntry e, Settings settings) {
        if (e.fixedResponse) {
            return FIXED_RESPONSE;
        }
        return switch (e.elbStatus) {
            case 504 -> timing(e.elapsedMicros(), settings);
            case 408 -> headTiming(e.elapsedMicros(), settings);
            case 502 -> e.targetMicros >= 0 ? RESPONSE_SEEN : NO_RESPONSE;
            case 503 -> e.target == null ? NO_TARGET : PLAIN;
            case 400 -> request(e);
            case 405 -> "TRACE".equals(e.method) ? TRACE_METHOD : PLAIN;
            default -> PLAIN;
        };
    }

    /**
     * A 408 at the head's deadline but not at the idle timeout: the head came too slowly; at both, the timing
     * cannot tell them apart.
     */
    static Signature headTiming(long elapsed, Settings settings) {
        boolean header = elapsed >= 0 && RoundNumbers.at(elapsed, settings.headerTimeoutSeconds());
        boolean idle = elapsed >= 0 && RoundNumbers.at(elapsed, settings.idleTimeoutSeconds());
        if (header) {
            return idle ? BOTH_TIMINGS : HEADER_TIMING;
        }
        return idle ? IDLE_TIMING : elapsed < 0 ? NO_TIMING : OTHER_TIMING;
    }

    static Signature timing(long elapsed, Settings settings) {
        if (elapsed < 0) {
            return NO_TIMING;
        }
        boolean connect = RoundNumbers.at(elapsed, settings.connectTimeoutSeconds());
        boolean idle = RoundNumbers.at(elapsed, settings.idleTimeoutSeconds());
        if (connect && idle) {
            return BOTH_TIMINGS;
        }
        if (connect) {
            return CONNECT_TIMING;
        }
        if (idle) {
            return IDLE_TIMING;
        }
        return elapsed > settings.idleTimeoutSeconds() * 1_000_000 ? PAST_IDLE : OTHER_TIMING;
    }

    private static Signature request(LogEntry e) {
        if (e.target != null) {
            return DISPATCHED;
        }
        if (e.method == null) {
            return UNREADABLE_REQUEST;
        }
        if (e.method.equals("CONNECT")) {
            return CONNECT_METHOD;
        }
        if (e.url != null && (e.url.startsWith("http://-:") || e.url.startsWith("https://-:"))) {
            return NO_HOST;
        }
        if (e.receivedBytes > 64 * 1024) {
            return OVER_64K;
        }
        if (e.receivedBytes > 16 * 1024) {
            return OVER_16K;
        }
        return switch (e.method) {
            case "POST", "PUT", "PATCH" -> BODY_METHOD;
            default -> PLAIN;
        };
    }
}
