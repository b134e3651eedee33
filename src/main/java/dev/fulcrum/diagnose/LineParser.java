package dev.fulcrum.diagnose;

/** Reads one line of one format into an entry. Never throws for a bad line. */
interface LineParser {

    /** Fills {@code entry} from {@code line}; returns {@code null}, or why the line cannot be read. */
    String parse(String line, LogEntry entry);

    static LineParser of(LineFormat format) {
        return switch (format) {
            case ALB -> new AlbLineParser();
            case CLB -> new ClbLineParser();
            case JSON -> new JsonLineParser();
        };
    }
}
