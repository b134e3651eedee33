package dev.fulcrum.lab;

import dev.fulcrum.core.LbError;
import dev.fulcrum.desync.Reason;

/**
 * One troubleshooting case, played for real: a misbehaving client or target on loopback, and the status and
 * {@code error_reason} the balancer must produce for it.
 *
 * @param name e.g. {@code 502-target-refused}
 * @param error the catalog entry the balancer must report, or {@code null} when the target answers (a request the
 *     desync mitigation mode lets through)
 * @param status the status the client must get: the error's, else the target's
 * @param classification the desync classification the log must show, {@code null} when the scenario is not about it
 * @param done what the scenario does, in one sentence
 * @param connection what must happen to the client connection afterwards
 * @param play sets up the bench and plays the client's part
 */
public record Scenario(String name, LbError error, int status, Reason classification, String done,
        AfterResponse connection, Play play) {

    /** A case the balancer answers itself with {@code error}. */
    public Scenario(String name, LbError error, String done, AfterResponse connection, Play play) {
        this(name, error, error.status(), null, done, connection, play);
    }

    /** What the client connection must look like once the balancer answered. */
    public enum AfterResponse {
        /** Kept open for the next request. */
        KEPT,
        /** Closed by the balancer. */
        CLOSED,
        /** The client left first; no response could be sent (only the log tells). */
        CLIENT_LEFT,
        /** HTTP/2: the stream got no response, and the balancer sent GOAWAY and closed the connection. */
        GOAWAY
    }

    /** The client's part; returns the response it got, or {@code null} when it left before any. */
    @FunctionalInterface
    public interface Play {
        RawHttpClient.Response play(LabBench bench) throws Exception;
    }
}
