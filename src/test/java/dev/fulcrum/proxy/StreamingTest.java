package dev.fulcrum.proxy;

import static dev.fulcrum.testing.TestConfigs.forwardingTo;
import static dev.fulcrum.testing.TestConfigs.group;
import static org.assertj.core.api.Assertions.assertThat;

import dev.fulcrum.testing.FakeTarget;
import dev.fulcrum.testing.TestBalancer;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufAllocatorMetricProvider;
import java.io.InputStream;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Bodies stream with backpressure: a gigabyte passes each way while the process's direct and heap memory stay
 * far below it (the test JVM has 1 GiB of heap and 256 MiB of direct memory, so any aggregation would fail).
 */
class StreamingTest {

    private static final long GIB = 1024L * 1024 * 1024;
    /** Everything in flight (target, balancer, client buffers) must fit well inside this. */
    private static final long DIRECT_BOUND = 64L * 1024 * 1024;
    private static final long HEAP_BOUND = 256L * 1024 * 1024;

    private FakeTarget target;
    private TestBalancer lb;
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
    private final AtomicLong maxDirect = new AtomicLong();
    private final AtomicLong maxHeapAfterGc = new AtomicLong();

    @BeforeEach
    void start() {
        target = FakeTarget.start("t1");
        lb = TestBalancer.start(forwardingTo(group("web", target)));
        sampler.scheduleAtFixedRate(this::sample, 0, 50, TimeUnit.MILLISECONDS);
        sampler.scheduleAtFixedRate(this::sampleHeap, 500, 1000, TimeUnit.MILLISECONDS);
    }

    @AfterEach
    void stop() throws InterruptedException {
        sampler.shutdownNow();
        sampler.awaitTermination(5, TimeUnit.SECONDS);
        lb.close();
        target.close();
    }

    @Test
    void streamsAGigabyteUploadWithBoundedMemory() throws Exception {
        target.behave((req, ctx) -> FakeTarget.text(200, Long.toString(req.bodyBytes())).respond(req, ctx));
        HttpRequest request = HttpRequest.newBuilder(URI.create(lb.url("/upload")))
                .timeout(Duration.ofSeconds(110))
                .POST(HttpRequest.BodyPublishers.fromPublisher(
                        HttpRequest.BodyPublishers.ofInputStream(() -> new ZeroStream(GIB)), GIB))
                .build();
        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo(Long.toString(GIB));
        assertBounded();
    }

    @Test
    void streamsAGigabyteDownloadWithBoundedMemory() throws Exception {
        target.behave(FakeTarget.download(GIB));
        HttpRequest request = HttpRequest.newBuilder(URI.create(lb.url("/download")))
                .timeout(Duration.ofSeconds(110)).build();
        HttpResponse<InputStream> response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
        long total = 0;
        byte[] buf = new byte[256 * 1024];
        try (InputStream in = response.body()) {
            int n;
            while ((n = in.read(buf)) != -1) {
                total += n;
            }
        }
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(total).isEqualTo(GIB);
        assertThat(lb.log().awaitRecord(1).sentBytes()).isGreaterThan(GIB);
        assertBounded();
    }

    private void assertBounded() {
        assertThat(maxDirect.get()).as("peak direct memory").isLessThan(DIRECT_BOUND);
        assertThat(maxHeapAfterGc.get()).as("peak heap after collection").isLessThan(HEAP_BOUND);
    }

    private void sample() {
        long direct = 0;
        if (ByteBufAllocator.DEFAULT instanceof ByteBufAllocatorMetricProvider p) {
            direct += p.metric().usedDirectMemory();
        }
        for (BufferPoolMXBean pool : ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class)) {
            if (pool.getName().equals("direct")) {
                direct += pool.getMemoryUsed();
            }
        }
        maxDirect.accumulateAndGet(direct, Math::max);
    }

    private void sampleHeap() {
        System.gc();
        long used = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        maxHeapAfterGc.accumulateAndGet(used, Math::max);
    }

    /** {@code length} zero bytes, generated on demand. */
    private static final class ZeroStream extends InputStream {
        private long remaining;

        ZeroStream(long length) {
            this.remaining = length;
        }

        @Override
        public int read() {
            if (remaining <= 0) {
                return -1;
            }
            remaining--;
            return 0;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (remaining <= 0) {
                return -1;
            }
            int n = (int) Math.min(len, remaining);
            java.util.Arrays.fill(b, off, off + n, (byte) 0);
            remaining -= n;
            return n;
        }
    }
}
