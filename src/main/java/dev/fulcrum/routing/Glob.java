package dev.fulcrum.routing;

import java.util.Arrays;

/**
 * An ALB wildcard pattern: {@code *} matches any run of characters (also none), {@code ?} exactly one.
 *
 * <p>Compiled once per configuration. Matching is iterative with a single saved star position (the classic
 * two-pointer algorithm), so it costs at most pattern length × input length and can never backtrack
 * exponentially, whatever a client sends.
 */
final class Glob {

    private static final int ANY_RUN = -1;
    private static final int ANY_ONE = -2;
    private static final int NONE = -3;

    private final String pattern;
    /** A character (case-folded when {@link #ignoreCase}), or {@link #ANY_RUN} or {@link #ANY_ONE}. */
    private final int[] tokens;
    private final boolean ignoreCase;
    /** Tokens that take exactly one character: the shortest input that can match. */
    private final int minLength;
    /** Where the tokens after the last {@code *} begin; {@code -1} when there is no {@code *}. */
    private final int tailStart;

    private Glob(String pattern, int[] tokens, boolean ignoreCase) {
        this.pattern = pattern;
        this.tokens = tokens;
        this.ignoreCase = ignoreCase;
        int fixed = 0;
        int lastStar = -1;
        for (int i = 0; i < tokens.length; i++) {
            if (tokens[i] == ANY_RUN) {
                lastStar = i;
            } else {
                fixed++;
            }
        }
        this.minLength = fixed;
        this.tailStart = lastStar < 0 ? -1 : lastStar + 1;
    }

    /** For path patterns. */
    static Glob caseSensitive(String pattern) {
        return compile(pattern, false, false);
    }

    /** For host names and header values. */
    static Glob caseInsensitive(String pattern) {
        return compile(pattern, true, false);
    }

    /**
     * For query strings, where ALB lets {@code \*} and {@code \?} stand for the literal characters. {@code \\} is
     * a literal backslash; a backslash before any other character is itself literal.
     */
    static Glob caseInsensitiveWithEscapes(String pattern) {
        return compile(pattern, true, true);
    }

    private static Glob compile(String pattern, boolean ignoreCase, boolean escapes) {
        int[] tokens = new int[pattern.length()];
        int count = 0;
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (escapes && c == '\\' && i + 1 < pattern.length() && isEscapable(pattern.charAt(i + 1))) {
                tokens[count++] = fold(pattern.charAt(++i), ignoreCase);
            } else if (c == '*') {
                if (count == 0 || tokens[count - 1] != ANY_RUN) { // "**" means the same as "*"
                    tokens[count++] = ANY_RUN;
                }
            } else if (c == '?') {
                tokens[count++] = ANY_ONE;
            } else {
                tokens[count++] = fold(c, ignoreCase);
            }
        }
        return new Glob(pattern, Arrays.copyOf(tokens, count), ignoreCase);
    }

    private static boolean isEscapable(char c) {
        return c == '*' || c == '?' || c == '\\';
    }

    /**
     * The same folding {@link String#equalsIgnoreCase} uses, so each character compares once; ASCII (nearly every
     * host, path and header value) takes a branch instead of two Unicode table look-ups.
     */
    private static int fold(char c, boolean ignoreCase) {
        if (!ignoreCase) {
            return c;
        }
        if (c < 0x80) {
            return c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c;
        }
        return Character.toLowerCase(Character.toUpperCase(c));
    }

    /** Whether the whole of {@code input} matches; {@code null} never does. */
    boolean matches(String input) {
        if (input == null || input.length() < minLength || tailStart < 0 && input.length() != minLength
                || !tailMatches(input)) {
            return false; // most rules' patterns fail here, without the scan below
        }
        int p = 0;
        int i = 0;
        int star = -1;
        int resumeAt = 0;
        while (i < input.length()) {
            // No token can equal NONE, so running off the end of the pattern falls through to the star retry.
            int token = p < tokens.length ? tokens[p] : NONE;
            if (token == ANY_RUN) {
                star = p++;
                resumeAt = i;
            } else if (token == ANY_ONE || token == fold(input.charAt(i), ignoreCase)) {
                p++;
                i++;
            } else if (star >= 0) {
                // Let the last star swallow one more character and retry what follows it.
                p = star + 1;
                i = ++resumeAt;
            } else {
                return false;
            }
        }
        while (p < tokens.length && tokens[p] == ANY_RUN) {
            p++;
        }
        return p == tokens.length;
    }

    /** Whether the tokens after the last {@code *} match the end of {@code input} (they must, whatever the rest). */
    private boolean tailMatches(String input) {
        if (tailStart < 0) {
            return true;
        }
        for (int p = tokens.length - 1, i = input.length() - 1; p >= tailStart; p--, i--) {
            int token = tokens[p];
            if (token != ANY_ONE && token != fold(input.charAt(i), ignoreCase)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return pattern;
    }
}
