package dev.fulcrum.testing;

import dev.fulcrum.Fulcrum;
import dev.fulcrum.FulcrumOptions;
import dev.fulcrum.config.FulcrumConfig;
import dev.fulcrum.lab.RawHttpClient;
import java.time.Duration;

/**
 * A real load balancer for a test: bound on 127.0.0.1 port 0, two event loops, every exchange recorded. The
 * try-with-resources form; {@link LoadBalancerExtension} starts and closes balancers for a whole test or class.
 */
public final class TestBalancer implements AutoCloseable {

    private final Fulcrum fulcrum;
    private final RecordingLog log;

    private TestBalancer(Fulcrum fulcrum, RecordingLog log) {
        this.fulcrum = fulcrum;
        this.log = log;
    }

    public static TestBalancer start(FulcrumConfig config) {
        return start(config, FulcrumOptions.builder().eventLoops(2).drainTimeout(Duration.ofSeconds(5)).build());
    }

    public static TestBalancer start(FulcrumConfig config, FulcrumOptions options) {
        RecordingLog log = new RecordingLog();
        try {
            return new TestBalancer(Fulcrum.start(config, options.toBuilder().log(log).build()), log);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public int port() {
        return fulcrum.port(0);
    }

    public String url(String path) {
        return "http://127.0.0.1:" + port() + path;
    }

    public RecordingLog log() {
        return log;
    }

    public Fulcrum fulcrum() {
        return fulcrum;
    }

    public RawHttpClient connect() {
        return RawHttpClient.connect(port());
    }

    /** Stops the balancer, then checks every access-log line it produced against Athena's ALB expression. */
    @Override
    public void close() {
        fulcrum.close();
        log.lines();
    }
}
