package dev.fulcrum.cli;

import dev.fulcrum.CannotListenException;
import dev.fulcrum.ConfigReloader;
import dev.fulcrum.Fulcrum;
import dev.fulcrum.FulcrumOptions;
import dev.fulcrum.config.ConfigException;
import dev.fulcrum.config.ConfigLoader;
import dev.fulcrum.config.ConfigProblem;
import dev.fulcrum.config.FulcrumConfig;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code fulcrum run FILE} (or {@code -c FILE}): serve a configuration until SIGTERM or Ctrl-C, applying the file
 * again whenever it changes or the process gets SIGHUP. An address it cannot listen on is one line and exit status 1.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Serve a configuration file; reload it when it changes or on SIGHUP.")
final class RunCommand implements Callable<Integer> {

    private static final Logger log = LoggerFactory.getLogger(RunCommand.class);

    @Spec
    private CommandSpec spec;

    @Parameters(arity = "0..1", paramLabel = "FILE", description = "Configuration (YAML).")
    private Path positional;

    @Option(names = {"-c", "--config"}, paramLabel = "FILE", description = "Configuration (YAML), as FILE does.")
    private Path option;

    @Option(names = "--transport", defaultValue = "auto",
            description = "Socket transport: auto, io_uring, epoll, nio (default: ${DEFAULT-VALUE}).")
    private String transport;

    @Option(names = "--event-loops", defaultValue = "0",
            description = "Event-loop threads; 0 = one per core (default: ${DEFAULT-VALUE}).")
    private int eventLoops;

    @Override
    @SuppressWarnings("try") // the balancer only has to live until the stop signal
    public Integer call() throws Exception {
        Path file = file();
        FulcrumConfig config;
        try {
            config = ConfigLoader.load(file);
        } catch (ConfigException e) {
            System.err.println(file + ": not started, " + e.problems().size() + " problem(s):");
            for (ConfigProblem p : e.problems()) {
                System.err.println(p);
            }
            return 1;
        }
        config.warnings(Instant.now()).forEach(w -> log.warn("{}: {}", file, w));
        FulcrumOptions options = FulcrumOptions.builder().transport(transport).eventLoops(eventLoops).build();
        try (Fulcrum fulcrum = Fulcrum.start(config, options);
                ConfigReloader reloader = new ConfigReloader(file, fulcrum).watch()) {
            if (Signals.onHangup(reloader::reload).isEmpty()) {
                log.warn("SIGHUP is ignored by this process (started with nohup?), so it does not reload {};"
                        + " saving the file does", file);
            }
            Signals.awaitStop();
        } catch (CannotListenException e) {
            System.err.println(e.getMessage()); // the address, its place in the file, the reason: no stack trace
            return 1;
        } catch (IllegalArgumentException e) {
            System.err.println(file + ": not started, " + e.getMessage()); // e.g. an access-log folder it cannot write
            return 1;
        }
        return 0;
    }

    /** The configuration file, given once: as FILE or as {@code -c FILE}. */
    private Path file() {
        if (positional != null && option != null) {
            throw new ParameterException(spec.commandLine(),
                    "Give the configuration file once: 'fulcrum run FILE' or 'fulcrum run -c FILE', not both");
        }
        if (positional == null && option == null) {
            throw new ParameterException(spec.commandLine(),
                    "Missing the configuration file: 'fulcrum run FILE' (or 'fulcrum run -c FILE')");
        }
        return positional != null ? positional : option;
    }
}
