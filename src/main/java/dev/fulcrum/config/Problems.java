package dev.fulcrum.config;

import java.util.ArrayList;
import java.util.List;

/** Collects problems while the whole file is mapped, so one run reports all of them. */
final class Problems {

    private final List<ConfigProblem> found = new ArrayList<>();

    void add(String path, String message) {
        found.add(new ConfigProblem(path.isEmpty() ? ConfigProblem.FILE : path, message));
    }

    boolean isEmpty() {
        return found.isEmpty();
    }

    void throwIfAny() throws ConfigException {
        if (!found.isEmpty()) {
            throw new ConfigException(found);
        }
    }
}
