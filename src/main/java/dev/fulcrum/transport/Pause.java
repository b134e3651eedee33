package dev.fulcrum.transport;

/** Why one side of an exchange stopped reading; it reads again once no reason is left. */
public enum Pause {
    /** The other side cannot take more: its socket's write buffer is full. */
    BACKPRESSURE,
    /** An HTTP/1.1 client pipelines: its next request waits until the current response is out. */
    PIPELINE,
    /** The request body waits for the target connection to open. */
    CONNECTING;

    final int bit = 1 << ordinal();
}
