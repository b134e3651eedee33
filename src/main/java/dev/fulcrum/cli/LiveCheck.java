package dev.fulcrum.cli;

import java.io.PrintStream;

/** Placeholder: replaced below. */
final class LiveCheck {
    LiveCheck(String url, int window) {
    }

    int run(PrintStream out, PrintStream err, boolean json) {
        err.println("--live: not yet");
        return 1;
    }
}
