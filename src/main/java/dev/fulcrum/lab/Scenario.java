package dev.fulcrum.lab;

import dev.fulcrum.core.LbError;

/**
 * One troubleshooting case, played for real: a misbehaving client or target on loopback, and the status and
 * {@code error_reason} the balancer must produce for it.
 *
 * @param name e.g. {@code 502-target-refused}
 * @param error the catalog entry the balancer must report
 * @param done what the scenario does, in one sentence
 * @param connection what must happen to the client connection afterwards
 * @param play sets up the bench and plays the client's part
 */
public record Scenario(String name, LbError error, String done, AfterResponse connection, Play play) {

    /** What the client connection must look like once the balancer answered. */
    public enum AfterResponse {
        /** Kept open for the next request. */
        KEPT,
        /** Closed by the balancer. */
        CLOSED,
        /** The client left first; no response could be sent (only the log tells). */
        CLIENT_LEFT
    }

    /** The client's part; returns the response it got, or {@code null} when it left before any. */
    @FunctionalInterface
    public interface Play {
        RawHttpClient.Response play(LabBench bench) throws Exception;
    }

    public int status() {
        return error.status();
    }
}
