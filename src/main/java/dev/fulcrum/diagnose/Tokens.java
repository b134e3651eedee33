package dev.fulcrum.diagnose;

/**
 * Splits an ALB or CLB line into its space-separated fields, a field in double quotes running to the quote that is
 * followed by a space or the end of the line. Offsets only: nothing is copied. One instance per reader, reused.
 */
final class Tokens {

    private static final int MAX = 64;

    private final int[] starts = new int[MAX];
    private final int[] ends = new int[MAX];
    private int count;

    /** Splits {@code line}; false when a quoted field never ends (a truncated line). */
    boolean split(String line) {
        count = 0;
        int n = line.length();
        int i = 0;
        while (i < n && count < MAX) {
            if (line.charAt(i) == '"') {
                int close = i + 1;
                while (true) {
                    close = line.indexOf('"', close);
                    if (close < 0) {
                        return false;
                    }
                    if (close + 1 == n || line.charAt(close + 1) == ' ') {
                        break;
                    }
                    close++;
                }
                add(i + 1, close);
                i = close + 2;
            } else {
                int space = line.indexOf(' ', i);
                int end = space < 0 ? n : space;
                add(i, end);
                i = end + 1;
            }
        }
        return true;
    }

    private void add(int start, int end) {
        starts[count] = start;
        ends[count] = end;
        count++;
    }

    int count() {
        return count;
    }

    int start(int field) {
        return starts[field];
    }

    int end(int field) {
        return ends[field];
    }

    boolean is(String line, int field, String value) {
        return field < count && ends[field] - starts[field] == value.length()
                && line.regionMatches(starts[field], value, 0, value.length());
    }

    boolean contains(String line, int field, String value) {
        if (field >= count) {
            return false;
        }
        int at = line.indexOf(value, starts[field]);
        return at >= 0 && at + value.length() <= ends[field];
    }
}
