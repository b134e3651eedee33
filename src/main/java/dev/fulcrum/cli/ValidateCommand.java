package dev.fulcrum.cli;

import dev.fulcrum.config.ConfigException;
import dev.fulcrum.config.ConfigLoader;
import dev.fulcrum.config.ConfigProblem;
import dev.fulcrum.config.FulcrumConfig;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code fulcrum validate FILE}: exit 0 when valid, else 1 with every problem on its own line. */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = "Check a configuration file; print every problem with its path.")
final class ValidateCommand implements Callable<Integer> {

    @Parameters(paramLabel = "FILE", description = "The configuration file (YAML).")
    private Path file;

    @Override
    public Integer call() {
        try {
            FulcrumConfig config = ConfigLoader.load(file);
            for (ConfigProblem warning : config.warnings(Instant.now())) {
                System.out.println("warning: " + warning);
            }
            System.out.println(file + ": valid");
            return 0;
        } catch (ConfigException e) {
            for (ConfigProblem p : e.problems()) {
                System.out.println(p);
            }
            System.err.println(file + ": " + e.problems().size() + " problem(s)");
            return 1;
        }
    }
}
