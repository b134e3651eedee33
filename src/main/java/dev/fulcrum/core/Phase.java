package dev.fulcrum.core;

/**
 * How far an exchange got. Recorded with its outcome so the first cause and where it struck are both known,
 * as HAProxy's termination state does.
 */
public enum Phase {
    /** Reading the request line, headers or body from the client. */
    READING_REQUEST,
    /** Evaluating the listener's rules and choosing a target. */
    ROUTING,
    /** Opening (or taking from the pool) a connection to the target. */
    CONNECTING,
    /** Request sent (or being sent); waiting for the target's response headers. */
    AWAITING_RESPONSE,
    /** Response headers received; streaming the response body to the client. */
    STREAMING_RESPONSE,
    /** The exchange finished. */
    COMPLETE
}
