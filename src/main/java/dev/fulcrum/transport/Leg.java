package dev.fulcrum.transport;

/**
 * One side of an exchange as the exchange drives it: the client (an HTTP/1.1 connection today, an HTTP/2 stream
 * later) or the target connection. Both directions are built the same way, as mirror images:
 * <pre>
 *   read from A --write--> B        B.isWritable() false  -> A.pauseReading(BACKPRESSURE)
 *                                   B drained (writable)  -> A.resumeReading(BACKPRESSURE)
 * </pre>
 * Messages are Netty {@code HttpObject}s (or raw {@code ByteBuf}s in a tunnel); {@link #write} takes ownership.
 */
public interface Leg {

    /** Queues {@code msg} for this side without pushing it to the socket. */
    void write(Object msg);

    /** Pushes what was queued. */
    void flush();

    default void writeAndFlush(Object msg) {
        write(msg);
        flush();
    }

    /** False while this side's outbound buffer is over its high-water mark. */
    boolean isWritable();

    void pauseReading(Pause reason);

    void resumeReading(Pause reason);

    /**
     * Writes {@code msg} to {@code to} (pushing it when {@code flush}); when {@code to} cannot take more,
     * {@code from} stops reading until {@code to} drains and the caller resumes it.
     */
    static void relay(Object msg, Leg from, Leg to, boolean flush) {
        to.write(msg);
        if (flush) {
            to.flush();
        }
        if (!to.isWritable()) {
            from.pauseReading(Pause.BACKPRESSURE);
        }
    }
}
