package dev.fulcrum.diagnose;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Debian's headless chromium, started as this machine needs it (no sandbox as root, no GPU, and none of the
 * background networking that would knock on the closed network), each run with a new profile folder.
 */
final class Chromium {

    static final String INSTALL = "apt-get update && apt-get install -y chromium"
            + " (the build runs tools/install-chromium.sh for this when it can)";

    private Chromium() {
    }

    /** The chromium executable, or an assertion error that says how to install it. */
    static String executable() {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(File.pathSeparator)) {
            Path p = Path.of(dir, "chromium");
            if (Files.isExecutable(p)) {
                return p.toString();
            }
        }
        throw new AssertionError("chromium is not installed, and this test renders the HTML report with it: "
                + INSTALL);
    }

    /** Runs chromium on {@code page} with {@code action} (e.g. {@code --dump-dom}); returns what it printed. */
    static String run(Path page, Path work, String... action) throws IOException, InterruptedException {
        Path profile = Files.createTempDirectory(work, "chromium-profile");
        List<String> command = new ArrayList<>(List.of(executable(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--user-data-dir=" + profile));
        command.addAll(List.of(action));
        command.add(page.toUri().toString());
        Path out = work.resolve("chromium.out");
        Path err = work.resolve("chromium.err");
        Process p = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(90, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("chromium did not finish in 90 s: " + Files.readString(err));
        }
        return Files.readString(out, StandardCharsets.UTF_8);
    }
}
