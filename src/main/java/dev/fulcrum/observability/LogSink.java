package dev.fulcrum.observability;

import java.io.IOException;
import java.time.Instant;

/** Where the access-log writer thread puts lines. Only that thread calls it. */
interface LogSink extends AutoCloseable {

    /** Appends one line (without its line break) of the exchange that ended at {@code time}. */
    void write(Instant time, String line) throws IOException;

    /** The end of a batch: make what was written visible. */
    void flush() throws IOException;

    /** Called at least every few hundred milliseconds with the current time: closes a finished interval's file. */
    default void tick(Instant now) throws IOException {
    }

    @Override
    void close() throws IOException;
}
