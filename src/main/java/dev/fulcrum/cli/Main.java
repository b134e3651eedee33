package dev.fulcrum.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.Properties;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code fulcrum} command. */
@Command(name = "fulcrum",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = "A Layer-7 HTTP load balancer that behaves like the cloud application load balancers.",
        subcommands = {RunCommand.class, ValidateCommand.class, DemoCommand.class, LabCommand.class,
                TargetsCommand.class, DiagnoseCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    /**
     * Netty settings a production balancer runs with unless the command line says otherwise ({@code -D...} in
     * {@code FULCRUM_JAVA_OPTS}): no leak-detection sampling (it records stack traces; the tests run it at
     * paranoid) and the pooled allocator (a better p99 than 4.2's adaptive one in docs/performance.md). Set
     * before any Netty class reads them.
     */
    static final Map<String, String> PRODUCTION_DEFAULTS = Map.of(
            "io.netty.leakDetection.level", "disabled",
            "io.netty.allocator.type", "pooled");

    public static void main(String[] args) {
        PRODUCTION_DEFAULTS.forEach((key, value) -> {
            if (System.getProperty(key) == null) {
                System.setProperty(key, value);
            }
        });
        System.exit(execute(args));
    }

    static int execute(String... args) {
        return new CommandLine(new Main()).execute(args);
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"fulcrum " + version()};
        }

        static String version() {
            try (InputStream in = Main.class.getResourceAsStream("/fulcrum-version.properties")) {
                Properties p = new Properties();
                if (in != null) {
                    p.load(in);
                }
                return p.getProperty("version", "unknown");
            } catch (IOException e) {
                return "unknown";
            }
        }
    }
}
