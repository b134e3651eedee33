package dev.fulcrum.config;

/**
 * One thing wrong with a configuration file: where (a path such as
 * {@code listeners[0].rules[1].conditions[0].values}) and what.
 */
public record ConfigProblem(String path, String message) {

    /** The path of problems about the file as a whole: unreadable, empty, not YAML. */
    public static final String FILE = "(file)";

    @Override
    public String toString() {
        return path + ": " + message;
    }
}
