package dev.fulcrum.observability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.fulcrum.config.AccessLogAttributes;
import dev.fulcrum.core.ResourceIds;
import dev.fulcrum.testing.AlbLogRegex;
import dev.fulcrum.testing.SteppedClock;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AccessLogWriterTest {

    private static final Instant START = Instant.parse("2026-11-30T09:41:07Z");

    private static ExchangeRecord endingAt(Instant time) {
        ExchangeRecord r = AccessLogFormatTest.forwarded();
        return new ExchangeRecord(r.type(), time, r.client(), r.target(), r.requestProcessingNanos(),
                r.targetProcessingNanos(), r.responseProcessingNanos(), r.elbStatus(), r.targetStatus(),
                r.receivedBytes(), r.sentBytes(), r.method(), r.host(), r.listenerPort(), r.uri(), r.protocol(),
                r.userAgent(), r.targetGroupArn(), r.traceId(), r.matchedRulePriority(), time.minusMillis(2),
                r.actionsExecuted(), r.redirectUrl(), r.error(), r.connTraceId());
    }

    private static List<Path> logFiles(Path folder) throws IOException {
        try (Stream<Path> files = Files.walk(folder)) {
            return files.filter(Files::isRegularFile).sorted().toList();
        }
    }

    private static List<String> gunzipLines(Path file) throws IOException {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        }
    }

    @Test
    void writesGzippedFilesNamedAndFiledAsAlbDeliversThemOnePerFiveMinuteInterval(@TempDir Path folder)
            throws IOException {
        SteppedClock clock = new SteppedClock(START);
        AccessLogAttributes attributes = AccessLogAttributes.defaults().withEnabled(true)
                .withPath(folder.toString());
        AccessLogWriter writer = AccessLogWriter.start(attributes, "shop", "127.0.0.1", clock,
                new SplittableRandom(7), OutputStream.nullOutputStream());
        writer.record(endingAt(START));
        writer.record(endingAt(START.plusSeconds(10)));
        await().atMost(Duration.ofSeconds(10)).until(() -> writer.writtenLines() == 2);
        clock.step(Duration.ofMinutes(5)); // 09:46:07: the 09:40-09:45 interval is over, its file gets closed
        writer.record(endingAt(clock.instant()));
        writer.close();

        String id = ResourceIds.loadBalancerId("shop").replace('/', '.');
        List<Path> files = logFiles(folder);
        assertThat(files).hasSize(2);
        String prefix = "AWSLogs/000000000000/elasticloadbalancing/local/2026/11/30/000000000000_elasticloadbalancing_local_"
                + id + "_";
        assertThat(folder.relativize(files.get(0)).toString())
                .matches(java.util.regex.Pattern.quote(prefix + "20261130T0945Z_127.0.0.1_") + "[0-9a-z]{8}\\.log\\.gz");
        assertThat(folder.relativize(files.get(1)).toString())
                .matches(java.util.regex.Pattern.quote(prefix + "20261130T0950Z_127.0.0.1_") + "[0-9a-z]{8}\\.log\\.gz");
        assertThat(gunzipLines(files.get(0))).hasSize(2).allSatisfy(AlbLogRegex::parse)
                .allSatisfy(l -> assertThat(l).startsWith("http 2026-11-30T09:4"));
        assertThat(gunzipLines(files.get(1))).hasSize(1);
        assertThat(writer.droppedLines()).isZero();
    }

    @Test
    void rotatesHourlyAndWritesPlainFilesWhenCompressionIsOff(@TempDir Path folder) throws IOException {
        SteppedClock clock = new SteppedClock(START);
        AccessLogAttributes attributes = new AccessLogAttributes(true, folder.toString(),
                AccessLogAttributes.Format.JSON, 60, false);
        AccessLogWriter writer = AccessLogWriter.start(attributes, "shop", "10.0.0.9", clock,
                new SplittableRandom(7), OutputStream.nullOutputStream());
        writer.record(endingAt(START));
        writer.record(endingAt(START.plus(Duration.ofMinutes(30)))); // 10:11, the next hour's file
        writer.close();

        List<Path> files = logFiles(folder);
        assertThat(files).extracting(f -> f.getFileName().toString())
                .allSatisfy(n -> assertThat(n).endsWith(".log").contains("_10.0.0.9_"))
                .anySatisfy(n -> assertThat(n).contains("_20261130T1000Z_"))
                .anySatisfy(n -> assertThat(n).contains("_20261130T1100Z_"));
        assertThat(Files.readAllLines(files.get(0))).singleElement().satisfies(l -> assertThat(l).startsWith("{\"type\":"));
    }

    @Test
    void writesLinesToAStreamForStdoutAndEveryQueuedLineBeforeCloseReturns() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        AccessLogWriter writer = AccessLogWriter.toStream(AccessLogFormat.clb("shop"), out, new SteppedClock(START),
                1_000);
        for (int i = 0; i < 500; i++) {
            writer.record(endingAt(START));
        }
        writer.close();

        assertThat(out.toString(StandardCharsets.UTF_8).lines()).hasSize(500)
                .allSatisfy(l -> assertThat(l).startsWith("2026-11-30T09:41:06.998000Z shop "));
        assertThat(writer.droppedLines()).isZero();
    }

    @Test
    void dropsAndCountsLinesWhenTheWriterIsBlockedAndTheQueueIsFullWithoutBlockingTheCaller()
            throws InterruptedException {
        CountDownLatch blocked = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ByteArrayOutputStream written = new ByteArrayOutputStream();
        OutputStream stuckDisk = new OutputStream() {
            @Override
            public void write(int b) {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) {
                blocked.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                written.write(b, off, len);
            }
        };
        AccessLogWriter writer = AccessLogWriter.toStream(AccessLogFormat.alb("shop"), stuckDisk,
                new SteppedClock(START), 10);
        writer.record(endingAt(START));
        assertThat(blocked.await(10, TimeUnit.SECONDS)).isTrue(); // the writer thread is stuck in the first write
        for (int i = 0; i < 100; i++) {
            writer.record(endingAt(START)); // returns at once: 10 are queued, 90 dropped
        }
        assertThat(writer.droppedLines()).isEqualTo(90);

        release.countDown();
        writer.close();
        assertThat(written.toString(StandardCharsets.UTF_8).lines()).hasSize(11);
        assertThat(writer.writtenLines()).isEqualTo(11);
        assertThat(writer.droppedLines()).isEqualTo(90);
    }

    @Test
    void refusesToStartOnAPathThatIsAFileNotAFolder(@TempDir Path folder) throws IOException {
        Path file = Files.writeString(folder.resolve("not-a-folder"), "x");
        AccessLogAttributes attributes = AccessLogAttributes.defaults().withEnabled(true).withPath(file.toString());

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> AccessLogWriter.start(attributes, "shop",
                "127.0.0.1", new SteppedClock(START), new SplittableRandom(1), OutputStream.nullOutputStream()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("access_logs.path: " + file);
    }
}
