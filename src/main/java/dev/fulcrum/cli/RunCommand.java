package dev.fulcrum.cli;

import dev.fulcrum.ConfigReloader;
import dev.fulcrum.Fulcrum;
import dev.fulcrum.FulcrumOptions;
import dev.fulcrum.config.ConfigException;
import dev.fulcrum.config.ConfigLoader;
import dev.fulcrum.config.ConfigProblem;
import dev.fulcrum.config.FulcrumConfig;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code fulcrum run -c FILE}: serve a configuration until SIGTERM or Ctrl-C, applying the file again whenever it
 * changes or the process gets SIGHUP.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Serve a configuration file; reload it when it changes or on SIGHUP.")
final class RunCommand implements Callable<Integer> {

    private static final Logger log = LoggerFactory.getLogger(RunCommand.class);

    @Option(names = {"-c", "--config"}, required = true, paramLabel = "FILE", description = "Configuration (YAML).")
    private Path file;

    @Option(names = "--transport", defaultValue = "auto",
            description = "Socket transport: auto, io_uring, epoll, nio (default: ${DEFAULT-VALUE}).")
    private String transport;

    @Option(names = "--event-loops", defaultValue = "0",
            description = "Event-loop threads; 0 = one per core (default: ${DEFAULT-VALUE}).")
    private int eventLoops;

    @Override
    @SuppressWarnings("try") // the balancer only has to live until the stop signal
    public Integer call() throws Exception {
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
        FulcrumOptions options = FulcrumOptions.builder().transport(transport).eventLoops(eventLoops).build();
        try (Fulcrum fulcrum = Fulcrum.start(config, options);
                ConfigReloader reloader = new ConfigReloader(file, fulcrum).watch()) {
            if (Signals.onHangup(reloader::reload).isEmpty()) {
                log.warn("SIGHUP is ignored by this process (started with nohup?), so it does not reload {};"
                        + " saving the file does", file);
            }
            Signals.awaitStop();
        } catch (IllegalArgumentException e) {
            System.err.println(file + ": not started, " + e.getMessage()); // e.g. an access-log folder it cannot write
            return 1;
        }
        return 0;
    }
}
