package dev.fulcrum.diagnose;

/**
 * Reads the values of access-log fields straight from the line, without copying them out: ISO 8601 times,
 * seconds with a fraction, integers. Each returns {@link #INVALID} (or {@code false}) instead of throwing, so a
 * damaged line is counted, not fatal.
 */
final class Fields {

    static final long INVALID = Long.MIN_VALUE + 1;

    private Fields() {
    }

    /** {@code 2018-07-02T22:23:00.186641Z} (any number of fraction digits, or none) as epoch microseconds. */
    static long isoMicros(CharSequence s, int from, int to) {
        if (to - from < 20 || s.charAt(from + 4) != '-' || s.charAt(from + 7) != '-' || s.charAt(from + 10) != 'T'
                || s.charAt(from + 13) != ':' || s.charAt(from + 16) != ':' || s.charAt(to - 1) != 'Z') {
            return INVALID;
        }
        int year = digits(s, from, from + 4);
        int month = digits(s, from + 5, from + 7);
        int day = digits(s, from + 8, from + 10);
        int hour = digits(s, from + 11, from + 13);
        int minute = digits(s, from + 14, from + 16);
        int second = digits(s, from + 17, from + 19);
        if (year < 0 || month < 1 || month > 12 || day < 1 || day > 31 || hour < 0 || hour > 23 || minute < 0
                || minute > 59 || second < 0 || second > 60) {
            return INVALID;
        }
        long micros = 0;
        int end = to - 1;
        if (from + 19 < end) {
            if (s.charAt(from + 19) != '.') {
                return INVALID;
            }
            int scale = 100_000;
            for (int i = from + 20; i < end; i++) {
                int d = s.charAt(i) - '0';
                if (d < 0 || d > 9) {
                    return INVALID;
                }
                micros += d * (long) scale;
                scale /= 10;
            }
        }
        long seconds = epochDay(year, month, day) * 86_400L + hour * 3600L + minute * 60L + second;
        return seconds * 1_000_000L + micros;
    }

    /** Whether {@code s[from, to)} has the shape of an ISO time (for telling formats apart). */
    static boolean looksLikeTime(CharSequence s, int from, int to) {
        return to - from >= 20 && Character.isDigit(s.charAt(from)) && isoMicros(s, from, to) != INVALID;
    }

    /** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil). */
    static long epochDay(int year, int month, int day) {
        int y = month <= 2 ? year - 1 : year;
        int era = Math.floorDiv(y, 400);
        int yoe = y - era * 400;
        int doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
        int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        return era * 146_097L + doe - 719_468L;
    }

    /**
     * Seconds such as {@code 0.001}, {@code 0.000073} or {@code 12} as microseconds; {@code -1} (a phase not
     * reached) as {@link LogEntry#NOT_REACHED}.
     */
    static long secondsMicros(CharSequence s, int from, int to) {
        if (to - from == 2 && s.charAt(from) == '-' && s.charAt(from + 1) == '1') {
            return LogEntry.NOT_REACHED;
        }
        if (from >= to) {
            return INVALID;
        }
        long whole = 0;
        int i = from;
        for (; i < to && s.charAt(i) != '.'; i++) {
            int d = s.charAt(i) - '0';
            if (d < 0 || d > 9 || whole > 1_000_000_000L) {
                return INVALID;
            }
            whole = whole * 10 + d;
        }
        long micros = 0;
        if (i < to) {
            int scale = 100_000;
            for (i++; i < to; i++) {
                int d = s.charAt(i) - '0';
                if (d < 0 || d > 9) {
                    return INVALID;
                }
                micros += d * (long) scale;
                scale /= 10;
            }
        }
        return whole * 1_000_000L + micros;
    }

    /** A non-negative integer, {@code -} as {@code absent}, anything else {@link #INVALID}. */
    static long number(CharSequence s, int from, int to, long absent) {
        if (to - from == 1 && s.charAt(from) == '-') {
            return absent;
        }
        if (from >= to || to - from > 18) {
            return INVALID;
        }
        long v = 0;
        for (int i = from; i < to; i++) {
            int d = s.charAt(i) - '0';
            if (d < 0 || d > 9) {
                return INVALID;
            }
            v = v * 10 + d;
        }
        return v;
    }

    /** {@code s[from, to)} as a string, {@code null} for {@code -} or nothing. */
    static String text(String s, int from, int to) {
        if (from >= to || (to - from == 1 && s.charAt(from) == '-')) {
            return null;
        }
        return s.substring(from, to);
    }

    /** The target group's name in {@code arn:...:targetgroup/NAME/ID}, or the whole value when it is no ARN. */
    static String groupName(String arnOrName) {
        if (arnOrName == null) {
            return null;
        }
        int tg = arnOrName.indexOf("targetgroup/");
        if (tg < 0) {
            return arnOrName;
        }
        int start = tg + "targetgroup/".length();
        int end = arnOrName.indexOf('/', start);
        return end < 0 ? arnOrName.substring(start) : arnOrName.substring(start, end);
    }

    private static int digits(CharSequence s, int from, int to) {
        int v = 0;
        for (int i = from; i < to; i++) {
            int d = s.charAt(i) - '0';
            if (d < 0 || d > 9) {
                return -1;
            }
            v = v * 10 + d;
        }
        return v;
    }
}
