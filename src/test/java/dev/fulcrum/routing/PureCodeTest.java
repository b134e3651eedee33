package dev.fulcrum.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Routing and balancing are pure code: they must stay usable and testable without any I/O library. */
class PureCodeTest {

    @Test
    void routingAndBalancingImportNothingFromNetty() throws IOException {
        for (String dir : List.of("src/main/java/dev/fulcrum/routing", "src/main/java/dev/fulcrum/balancing")) {
            try (Stream<Path> files = Files.list(Path.of(dir))) {
                List<Path> sources = files.filter(f -> f.toString().endsWith(".java")).toList();
                assertThat(sources).as(dir).isNotEmpty();
                for (Path source : sources) {
                    assertThat(Files.readString(source)).as(source.toString()).doesNotContain("io.netty");
                }
            }
        }
    }
}
