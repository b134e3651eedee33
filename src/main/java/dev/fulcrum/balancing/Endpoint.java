package dev.fulcrum.balancing;

/** What a balancer reads of a target. */
public interface Endpoint {

    /**
     * The current effective weight, already including any slow-start ramp. A weight that is not greater than 0
     * (including {@code NaN}) means the endpoint is never picked.
     */
    double weight();

    /** Requests sent to this endpoint that have not completed yet, read from a counter shared by event loops. */
    int outstandingRequests();
}
