package dev.fulcrum;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code fulcrum} command. */
@Command(name = "fulcrum",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = "A Layer-7 HTTP load balancer that behaves like the cloud application load balancers.",
        subcommands = {RunCommand.class, ValidateCommand.class, DemoCommand.class, LabCommand.class,
                TargetsCommand.class})
public final class Main implements Runnable {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
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
