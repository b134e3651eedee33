package dev.fulcrum.diagnose;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Malformed, truncated, gzip-corrupt and binary input: each problem is counted and shown (input and line number),
 * and the rest of the input still makes a report. Never an exception.
 */
class DamagedInputTest {

    @TempDir
    Path dir;

    private static String goodLines(int n) {
        LogLines log = LogLines.alb();
        for (int i = 0; i < n; i++) {
            log.ok(i, "10.0.0.5:8080", 0.01);
        }
        log.balancer(n, 0.001, "10.0.0.7:8080", 502);
        return log.text();
    }

    @Test
    void countsAndShowsLinesItCannotReadWithTheirFileAndLineNumber() throws IOException {
        String[] good = goodLines(5).split("\n");
        Path file = dir.resolve("mixed.log");
        Files.writeString(file, good[0] + "\nthis is not an access log\n" + good[1] + "\n"
                + good[2].substring(0, good[2].length() / 2) + "\n" + good[3] + "\n"
                + good[4].replace(" 200 200 ", " 2x0 200 ") + "\n" + good[5] + "\n");

        Diagnosis d = Diagnose.withDefaults().read(List.of(file.toString()));

        assertThat(d.lines()).isEqualTo(7);
        assertThat(d.entries()).isEqualTo(4);
        assertThat(d.unparsed().count()).isEqualTo(3);
        assertThat(d.unparsed().examples()).extracting(Diagnosis.Example::line).containsExactly(2L, 4L, 6L);
        assertThat(d.unparsed().examples()).allSatisfy(e -> assertThat(e.source()).isEqualTo(file.toString()));
        assertThat(d.unparsed().examples().get(1).reason()).contains("cut short");
        assertThat(d.unparsed().examples().get(2).reason()).contains("not a status");
        assertThat(Reports.text(d)).contains("3 lines could not be read").contains(file + ":2: ");
        assertThat(Diagnoses.findings(d, 502)).hasSize(1);
    }

    @Test
    void reportsTheLinesBeforeACorruptOrTruncatedGzipStreamAndReadsTheNextFile() throws IOException {
        byte[] gz = gzip(goodLines(2000));
        Path corrupt = dir.resolve("a_20261130T0905Z_corrupt.log.gz");
        byte[] damaged = gz.clone();
        for (int i = damaged.length / 2; i < damaged.length / 2 + 64; i++) {
            damaged[i] ^= 0x5a;
        }
        Files.write(corrupt, damaged);
        Path truncated = dir.resolve("b_20261130T0910Z_truncated.log.gz");
        Files.write(truncated, Arrays.copyOf(gz, gz.length / 2));
        Path fine = dir.resolve("c_20261130T0915Z_fine.log");
        Files.writeString(fine, goodLines(3));

        Diagnosis d = Diagnose.withDefaults().read(List.of(dir.toString()));

        assertThat(d.unparsed().problems()).hasSize(2);
        assertThat(d.unparsed().problems().get(0)).startsWith(corrupt.toString()).contains("gzip data is");
        assertThat(d.unparsed().problems().get(1)).startsWith(truncated.toString())
                .contains("gzip data is truncated after line");
        assertThat(d.sources()).extracting(Diagnosis.Source::name)
                .containsExactly(corrupt.toString(), truncated.toString(), fine.toString());
        assertThat(d.sources().get(1).lines()).isGreaterThan(100);
        assertThat(d.entries()).isGreaterThan(100 + 4);
        assertThat(Reports.text(d)).contains("Not read").contains("the lines before it are in the report");
    }

    @Test
    void countsBinaryInputAsUnreadableAndStillReportsTheOtherInputs() throws IOException {
        byte[] noise = new byte[300_000];
        new Random(15).nextBytes(noise);
        Path binary = dir.resolve("core.bin");
        Files.write(binary, noise);
        Path log = dir.resolve("alb.log");
        Files.writeString(log, goodLines(3));

        Diagnosis d = Diagnose.withDefaults().read(List.of(binary.toString(), log.toString()));

        assertThat(d.unparsed().count()).isPositive();
        assertThat(d.unparsed().examples()).allSatisfy(e -> assertThat(e.source()).isEqualTo(binary.toString()));
        assertThat(d.sources().get(0).format()).isEqualTo("unknown");
        assertThat(d.entries()).isEqualTo(4);
        assertThat(Reports.text(d)).contains("could not be read");
        assertThat(Reports.json(d)).contains("\"unparsed\"");
    }

    @Test
    void skipsALineLongerThanTheLimitWithoutHoldingIt() throws IOException {
        Path file = dir.resolve("long.log");
        try (OutputStream out = Files.newOutputStream(file)) {
            out.write(goodLines(1).getBytes(StandardCharsets.US_ASCII));
            out.write("x".repeat(LineReader.MAX_LINE + 10).getBytes(StandardCharsets.US_ASCII));
            out.write('\n');
            out.write(goodLines(1).getBytes(StandardCharsets.US_ASCII));
        }
        Diagnosis d = Diagnose.withDefaults().read(List.of(file.toString()));

        assertThat(d.entries()).isEqualTo(4);
        assertThat(d.unparsed().examples()).singleElement()
                .satisfies(e -> assertThat(e.reason()).startsWith("line longer than"));
    }

    @Test
    void namesInputsThatDoNotExist() {
        Diagnosis d = Diagnose.withDefaults().read(List.of(dir.resolve("nothing-here").toString()));

        assertThat(d.unparsed().problems()).singleElement().asString().contains("no such file or folder");
        assertThat(d.summary()).containsExactly("No access-log lines to diagnose.");
    }

    private static byte[] gzip(String text) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
            gz.write(text.getBytes(StandardCharsets.US_ASCII));
        }
        return bytes.toByteArray();
    }
}
