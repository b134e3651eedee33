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
 * Packages depend only downwards (STYLE.md's layer table), and the pure packages use nothing from Netty. What a
 * file uses is read from its code, comments and string literals removed: its imports and every fully qualified name
 * written inline ({@code dev.fulcrum.proxy.Exchange}, {@code io.netty.buffer.ByteBuf}).
 */
class PackageDependenciesTest {

    private static final Path SOURCES = Path.of("src/main/java/dev/fulcrum");
    /** The root package {@code dev.fulcrum}: the embeddable runtime. */
    private static final String ROOT = "";
    /**
     * Top to bottom: a package may use those after it, never those before it. The commands use everything; the lab
     * drives a runtime; the runtime composes everything below it.
     */
    private static final List<String> LAYERS = List.of("cli", "lab", ROOT, "admin", "diagnose", "listener", "proxy",
            "pool", "health", "transport", "tls", "target", "balancing", "routing", "observability", "config", "desync",
            "core");
    private static final List<String> NETTY_FREE = List.of("config", "routing", "balancing", "desync", "core",
            "diagnose");
    /** diagnose reads logs and explains them: the catalog, the configuration and the log formats, nothing live. */
    private static final List<String> DIAGNOSE_USES = List.of("diagnose", "core", "config", "observability");
    /** A name in dev.fulcrum: dev.fulcrum.pkg.Name, or dev.fulcrum.Name for a class of the root package. */
    private static final Pattern FULCRUM_NAME = Pattern.compile("\\bdev\\.fulcrum(?:\\.[A-Za-z_$][\\w$]*)+");
    private static final Pattern NETTY_NAME = Pattern.compile("\\bio\\.netty(?:\\.[A-Za-z_$][\\w$]*)+");

    @Test
    void packagesUseOnlyPackagesBelowThem() {
        List<String> violations = new ArrayList<>();
        for (Path file : sources()) {
            violations.addAll(layerViolations(file.toString(), packageOf(file), read(file)));
        }
        assertThat(violations).as("uses of a package above").isEmpty();
    }

    @Test
    void diagnoseUsesOnlyCoreConfigAndObservability() {
        List<String> violations = new ArrayList<>();
        for (Path file : sources()) {
            if (packageOf(file).equals("diagnose")) {
                String code = code(read(file));
                Matcher m = FULCRUM_NAME.matcher(code);
                while (m.find()) {
                    String used = m.group().split("\\.")[2];
                    if (!DIAGNOSE_USES.contains(used)) {
                        violations.add(file + ":" + line(code, m.start()) + ": diagnose uses " + m.group());
                    }
                }
            }
        }
        assertThat(violations).isEmpty();
    }

    @Test
    void configRoutingBalancingAndCoreUseNothingFromNetty() {
        List<String> violations = new ArrayList<>();
        for (Path file : sources()) {
            if (NETTY_FREE.contains(packageOf(file))) {
                violations.addAll(nettyViolations(file.toString(), read(file)));
            }
        }
        assertThat(violations).as("uses of Netty in a Netty-free package").isEmpty();
    }

    @Test
    void everyPackageHasItsPlaceInTheLayers() {
        assertThat(sources().stream().map(PackageDependenciesTest::packageOf).distinct())
                .as("packages missing from LAYERS (and from STYLE.md's table)").allMatch(LAYERS::contains);
    }

    @Test
    void aFullyQualifiedNameInCodeCountsWhereOneInACommentOrAStringDoesNot() {
        String source = """
                package dev.fulcrum.proxy;

                import dev.fulcrum.pool.TargetConnection;

                /** Like {@link dev.fulcrum.listener.ClientHandler}, see dev.fulcrum.Fulcrum. */
                final class Example {
                    // dev.fulcrum.admin.AdminServer would be above
                    String text = "dev.fulcrum.cli.Main";
                    char quote = '"';
                    String block = \"""
                            dev.fulcrum.lab.Lab
                            \""";
                    dev.fulcrum.listener.ClientHandler handler;
                    Object runtime = dev.fulcrum.Fulcrum.class;
                    io.netty.buffer.ByteBuf buffer;
                }
                """;
        assertThat(layerViolations("proxy/Example.java", "proxy", source)).containsExactly(
                "proxy/Example.java:13: proxy uses dev.fulcrum.listener.ClientHandler (listener is above proxy)",
                "proxy/Example.java:14: proxy uses dev.fulcrum.Fulcrum.class (the runtime is above proxy)");
        assertThat(nettyViolations("routing/Example.java", source))
                .containsExactly("routing/Example.java:15: uses io.netty.buffer.ByteBuf");
    }

    /** Each use, by {@code pkg}'s file {@code name}, of a package above {@code pkg}, with its line. */
    private static List<String> layerViolations(String name, String pkg, String source) {
        List<String> violations = new ArrayList<>();
        String code = code(source);
        Matcher m = FULCRUM_NAME.matcher(code);
        while (m.find()) {
            String first = m.group().split("\\.")[2];
            String used = Character.isUpperCase(first.charAt(0)) ? ROOT : first;
            int from = LAYERS.indexOf(pkg);
            int to = LAYERS.indexOf(used);
            if (!used.equals(pkg) && to < from) { // a package in no layer (-1) is above all
                violations.add(name + ":" + line(code, m.start()) + ": " + display(pkg) + " uses " + m.group()
                        + " (" + (used.equals(ROOT) ? "the runtime" : used) + " is above " + display(pkg) + ")");
            }
        }
        return violations;
    }

    private static List<String> nettyViolations(String name, String source) {
        List<String> violations = new ArrayList<>();
        String code = code(source);
        Matcher m = NETTY_NAME.matcher(code);
        while (m.find()) {
            violations.add(name + ":" + line(code, m.start()) + ": uses " + m.group());
        }
        return violations;
    }

    private static String display(String pkg) {
        return pkg.equals(ROOT) ? "dev.fulcrum" : pkg;
    }

    private static int line(String text, int offset) {
        int line = 1;
        for (int i = 0; i < offset; i++) {
            line += text.charAt(i) == '\n' ? 1 : 0;
        }
        return line;
    }

    /**
     * The source with comments, string literals (text blocks too) and character literals blanked out, each of
     * their characters but line ends turned into a space, so that offsets and line numbers stay.
     */
    static String code(String source) {
        StringBuilder out = new StringBuilder(source.length());
        int i = 0;
        int n = source.length();
        while (i < n) {
            int end;
            if (source.startsWith("//", i)) {
                end = source.indexOf('\n', i);
                end = end < 0 ? n : end;
            } else if (source.startsWith("/*", i)) {
                end = source.indexOf("*/", i + 2);
                end = end < 0 ? n : end + 2;
            } else if (source.startsWith("\"\"\"", i)) {
                end = closing(source, i + 3, "\"\"\"");
            } else if (source.charAt(i) == '"') {
                end = closing(source, i + 1, "\"");
            } else if (source.charAt(i) == '\'') {
                end = closing(source, i + 1, "'");
            } else {
                out.append(source.charAt(i++));
                continue;
            }
            for (; i < end; i++) {
                out.append(source.charAt(i) == '\n' ? '\n' : ' ');
            }
        }
        return out.toString();
    }

    /** Where a literal opened before {@code from} ends: after its unescaped {@code quote}. */
    private static int closing(String source, int from, String quote) {
        int i = from;
        while (i < source.length()) {
            if (source.charAt(i) == '\\') {
                i += 2;
            } else if (source.startsWith(quote, i)) {
                return i + quote.length();
            } else {
                i++;
            }
        }
        return source.length();
    }

    /** The top-level package of a source file under dev/fulcrum, {@link #ROOT} for the root package's own. */
    private static String packageOf(Path file) {
        Path relative = SOURCES.relativize(file);
        return relative.getNameCount() == 1 ? ROOT : relative.getName(0).toString();
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Path> sources() {
        try (Stream<Path> files = Files.walk(SOURCES)) {
            return files.filter(f -> f.toString().endsWith(".java")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
