package dev.fulcrum.diagnose;

/** The {@code "request"} field, {@code METHOD URL PROTOCOL}, split into its parts ({@code - - -}: none). */
final class RequestField {

    void read(String line, int from, int to, LogEntry e) {
        int first = line.indexOf(' ', from);
        int last = line.lastIndexOf(' ', to - 1);
        if (first < 0 || first >= to || last <= first) {
            return;
        }
        e.method = Fields.text(line, from, first);
        e.url = Fields.text(line, first + 1, last);
        e.protocol = Fields.text(line, last + 1, to);
    }

    /** The same, from a string holding only the field. */
    void read(String request, LogEntry e) {
        if (request != null) {
            read(request, 0, request.length(), e);
        }
    }
}
