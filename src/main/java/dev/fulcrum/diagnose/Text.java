package dev.fulcrum.diagnose;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** How reports spell durations, times, shares and counts. */
final class Text {

    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter MINUTE =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm'Z'").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter FULL =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);

    private Text() {
    }

    /** {@code 0.004 s}, {@code 1.0 s}, {@code 60.0 s}: milliseconds below a second, tenths above. */
    static String seconds(long micros) {
        if (micros < 0) {
            return "-";
        }
        if (micros < 1_000_000) {
            return String.format(Locale.ROOT, "%.3f s", micros / 1e6);
        }
        return String.format(Locale.ROOT, "%.1f s", micros / 1e6);
    }

    /** A timeout as set: {@code 60 s}, {@code 2.5 s}. */
    static String timeout(double seconds) {
        return seconds == Math.rint(seconds) ? (long) seconds + " s"
                : String.format(Locale.ROOT, "%s s", seconds);
    }

    static String clock(long micros) {
        return CLOCK.format(instant(micros));
    }

    static String minute(long epochMinute) {
        return MINUTE.format(Instant.ofEpochSecond(epochMinute * 60));
    }

    static String time(long micros) {
        return FULL.format(instant(micros));
    }

    static Instant instant(long micros) {
        return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1000);
    }

    static String percent(double share) {
        double p = share * 100;
        return p > 0 && p < 1 ? "<1%" : String.format(Locale.ROOT, "%.0f%%", p);
    }

    static String count(long n, String singular) {
        return String.format(Locale.ROOT, "%,d %s", n, n == 1 ? singular : singular + "s");
    }

    /** The sentence without its full stop and with a lower-case first letter, to go inside another one. */
    static String clause(String sentence) {
        String s = sentence.endsWith(".") ? sentence.substring(0, sentence.length() - 1) : sentence;
        return s.isEmpty() ? s : Character.toLowerCase(s.charAt(0)) + s.substring(1);
    }
}
