package dev.fulcrum.routing;

import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/** Any-of matching over the compiled values of one condition. */
final class Globs {

    private final Glob[] globs;

    private Globs(Glob[] globs) {
        this.globs = globs;
    }

    static Globs compile(List<String> patterns, Function<String, Glob> compiler) {
        return new Globs(patterns.stream().map(compiler).toArray(Glob[]::new));
    }

    boolean anyMatches(String input) {
        if (input == null) {
            return false;
        }
        for (Glob glob : globs) {
            if (glob.matches(input)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return Arrays.toString(globs);
    }
}
