package dev.fulcrum.core;

/**
 * A failure that already knows its outcome: codecs and request checks throw it (or put it in a failed decoder
 * result), so nothing downstream reads exception messages to find out what went wrong. Cheap: no stack trace.
 */
public final class LbException extends RuntimeException {

    private static final long serialVersionUID = 1L;
    private final transient LbError error;

    public LbException(LbError error, String detail) {
        super(detail, null, false, false);
        this.error = error;
    }

    public LbError error() {
        return error;
    }

    /** The outcome {@code cause} carries, or {@code otherwise} when it is not an {@link LbException}. */
    public static LbError errorOf(Throwable cause, LbError otherwise) {
        return cause instanceof LbException e ? e.error() : otherwise;
    }

    @Override
    public String toString() {
        return error.errorReason() + ": " + getMessage();
    }
}
