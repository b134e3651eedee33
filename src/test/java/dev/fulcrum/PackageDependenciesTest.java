package dev.fulcrum;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Packages depend only downwards (STYLE.md's layer table), and the pure packages import nothing from Netty.
 * The top layer (the commands, the composition root and the lab that drives it) may use everything.
 */
class PackageDependenciesTest {

    /** Top to bottom: a package may import those after it, never those before it. */
    private static final List<String> LAYERS = List.of("admin", "diagnose", "listener", "proxy", "pool", "health", "transport",
            "target", "balancing", "routing", "observability", "config", "core");
    private static final List<String> NETTY_FREE = List.of("config", "routing", "balancing", "core", "diagnose");
    /** diagnose reads logs and explains them: the catalog, the configuration and the log formats, nothing live. */
    private static final List<String> DIAGNOSE_USES = List.of("diagnose", "core", "config", "observability");
    private static final Pattern IMPORT = Pattern.compile("^import (?:static )?dev\\.fulcrum\\.(\\w+)\\.", Pattern.MULTILINE);

    @Test
    void packagesDependOnlyOnPackagesBelowThem() throws IOException {
        List<String> violations = new ArrayList<>();
        for (String pkg : LAYERS) {
            for (Path file : sources(pkg)) {
                Matcher m = IMPORT.matcher(Files.readString(file));
                while (m.find()) {
                    String used = m.group(1);
                    int from = LAYERS.indexOf(pkg);
                    int to = LAYERS.indexOf(used);
                    if (!used.equals(pkg) && (to < 0 || to < from)) {
                        violations.add(file.getFileName() + " (" + pkg + ") imports dev.fulcrum." + used);
                    }
                }
            }
        }
        assertThat(violations).isEmpty();
    }

    @Test
    void diagnoseUsesOnlyCoreConfigAndObservability() throws IOException {
        List<String> violations = new ArrayList<>();
        for (Path file : sources("diagnose")) {
            Matcher m = IMPORT.matcher(Files.readString(file));
            while (m.find()) {
                if (!DIAGNOSE_USES.contains(m.group(1))) {
                    violations.add(file.getFileName() + " imports dev.fulcrum." + m.group(1));
                }
            }
        }
        assertThat(violations).isEmpty();
    }

    @Test
    void configRoutingBalancingAndCoreImportNothingFromNetty() throws IOException {
        List<String> violations = new ArrayList<>();
        for (String pkg : NETTY_FREE) {
            for (Path file : sources(pkg)) {
                if (Files.readString(file).contains("import io.netty")) {
                    violations.add(pkg + "/" + file.getFileName());
                }
            }
        }
        assertThat(violations).isEmpty();
    }

    private static List<Path> sources(String pkg) {
        Path dir = Path.of("src/main/java/dev/fulcrum", pkg);
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(f -> f.toString().endsWith(".java")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
