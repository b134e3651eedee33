package dev.fulcrum.diagnose;

import java.util.ArrayList;
import java.util.List;

/**
 * Lines that could not be read, counted, with the first few kept to show (file, line number, why, the start of
 * the line), and problems with whole inputs (a gzip stream that breaks off, a file that cannot be opened): never
 * dropped silently.
 */
final class Unparsed {

    static final int EXAMPLES = 5;
    private static final int EXCERPT = 120;

    /** One line that could not be read. */
    record Example(String source, long line, String reason, String excerpt) {
    }

    private long count;
    private final List<Example> examples = new ArrayList<>();
    private final List<String> problems = new ArrayList<>();

    void line(String source, long number, String reason, String text) {
        count++;
        if (examples.size() < EXAMPLES) {
            examples.add(new Example(source, number, reason, excerpt(text)));
        }
    }

    void problem(String text) {
        problems.add(text);
    }

    long count() {
        return count;
    }

    List<Example> examples() {
        return List.copyOf(examples);
    }

    /** Problems with whole inputs, each a sentence naming the input. */
    List<String> problems() {
        return List.copyOf(problems);
    }

    /** The start of the line, control and non-ASCII bytes shown as {@code \xNN} so any input prints safely. */
    static String excerpt(String text) {
        if (text == LineReader.TOO_LONG) {
            return "(longer than " + LineReader.MAX_LINE / 1024 + " KiB)";
        }
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < text.length() && b.length() < EXCERPT; i++) {
            char c = text.charAt(i);
            if (c >= 0x20 && c < 0x7f) {
                b.append(c);
            } else {
                b.append(String.format("\\x%02X", (int) c & 0xff));
            }
        }
        if (b.length() >= EXCERPT) {
            b.append("...");
        }
        return b.toString();
    }
}
