package dev.fulcrum.config;

import java.util.List;
import java.util.stream.Collectors;

/** A configuration that cannot be used, with every problem found in it (never only the first). */
public final class ConfigException extends Exception {

    private static final long serialVersionUID = 1L;

    private final List<ConfigProblem> problems;

    public ConfigException(List<ConfigProblem> problems) {
        super(message(problems));
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("a ConfigException needs at least one problem");
        }
        this.problems = List.copyOf(problems);
    }

    /** The problems in the order they were found, which follows the file's sections. */
    public List<ConfigProblem> problems() {
        return problems;
    }

    private static String message(List<ConfigProblem> problems) {
        return problems.size() + " configuration problem(s):" + problems.stream()
                .map(p -> "\n  " + p)
                .collect(Collectors.joining());
    }
}
