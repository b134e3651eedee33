package dev.fulcrum.testing;

import dev.fulcrum.Fulcrum;
import dev.fulcrum.FulcrumOptions;
import dev.fulcrum.config.FulcrumConfig;
import dev.fulcrum.lab.RawHttpClient;
import java.time.Duration;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Real load balancers for a test, on 127.0.0.1 port 0, every exchange recorded in one {@link RecordingLog}; closed
 * after the test with whatever the test {@link #keep kept} (targets, clients), last opened first, then every access-log
 * line they wrote is checked against Athena's ALB expression. Netty buffer leaks fail the class as for every test
 * ({@link LeakDetection}).
 *
 * <p>A test that first starts its targets starts the balancer itself:
 * <pre>{@code
 * @RegisterExtension
 * final LoadBalancerExtension lb = LoadBalancerExtension.create();
 *
 * @Test
 * void forwards() {
 *     FakeTarget t = lb.keep(FakeTarget.start("t"));
 *     Fulcrum f = lb.start(TestConfigs.forwardingTo(TestConfigs.group("web", t)));
 *     ...
 * }
 * }</pre>
 * One whose configuration is known beforehand names it: {@link #startedWith} starts a balancer before each test, or
 * once for the class when the field is {@code static}.
 */
public final class LoadBalancerExtension
        implements BeforeAllCallback, BeforeEachCallback, AfterEachCallback, AfterAllCallback {

    private final Supplier<FulcrumConfig> config;
    private UnaryOperator<FulcrumOptions.Builder> options = UnaryOperator.identity();
    private final RecordingLog log = new RecordingLog();
    /** What the class opened (a static extension's balancer); closed after all its tests. */
    private final Closer ofClass = new Closer();
    /** What the current test opened; closed after it. */
    private Closer ofTest;
    /** The balancer started for the class, if any. */
    private Fulcrum ofClassBalancer;
    private Fulcrum last;

    private LoadBalancerExtension(Supplier<FulcrumConfig> config) {
        this.config = config;
    }

    /** Starts nothing by itself: each test calls {@link #start}. */
    public static LoadBalancerExtension create() {
        return new LoadBalancerExtension(null);
    }

    /**
     * Starts a balancer for {@code config} before each test, or once before all of them when the extension is in a
     * {@code static} field. The supplier may {@link #keep} what the configuration points at (its targets).
     */
    public static LoadBalancerExtension startedWith(Supplier<FulcrumConfig> config) {
        return new LoadBalancerExtension(config);
    }

    /**
     * Options beyond the defaults (two event loops, a 5 s drain timeout, exchanges to {@link #log()}), e.g.
     * {@code o -> o.eventLoops(1).randomSeed(42)}.
     */
    public LoadBalancerExtension options(UnaryOperator<FulcrumOptions.Builder> options) {
        this.options = options;
        return this;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws InterruptedException {
        if (config != null) {
            ofClassBalancer = ofClass.keep(startNow(config.get()));
        }
    }

    @Override
    public void beforeEach(ExtensionContext context) throws InterruptedException {
        ofTest = new Closer();
        last = ofClassBalancer;
        if (config != null && ofClassBalancer == null) { // an instance field: one balancer per test
            last = ofTest.keep(startNow(config.get()));
        }
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        Closer closing = ofTest;
        ofTest = null;
        last = ofClassBalancer;
        closing.close();
        log.lines();
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        ofClass.close();
        log.lines();
    }

    /** Starts a balancer for {@code config}; it is closed after the test. */
    public Fulcrum start(FulcrumConfig config) {
        return start(config, UnaryOperator.identity());
    }

    /** As {@link #start(FulcrumConfig)}, with options of this start only, e.g. {@code o -> o.clock(clock)}. */
    public Fulcrum start(FulcrumConfig config, UnaryOperator<FulcrumOptions.Builder> more) {
        try {
            last = keep(startNow(config, more));
            return last;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private Fulcrum startNow(FulcrumConfig config) throws InterruptedException {
        return startNow(config, UnaryOperator.identity());
    }

    private Fulcrum startNow(FulcrumConfig config, UnaryOperator<FulcrumOptions.Builder> more)
            throws InterruptedException {
        if (config.admin().port() != 0) {
            // The default 9090 collides with whatever else runs on the machine (a demo, another build).
            throw new IllegalArgumentException("a test balancer's admin endpoint listens on port 0 (admin: {listen:"
                    + " '127.0.0.1:0'}), not " + config.admin());
        }
        FulcrumOptions.Builder b = FulcrumOptions.builder().eventLoops(2).drainTimeout(Duration.ofSeconds(5));
        return Fulcrum.start(config, more.apply(options.apply(b)).log(log).build());
    }

    /** Keeps {@code resource} open until the end of the test (of the class, before the first test begins). */
    public <T extends AutoCloseable> T keep(T resource) {
        return (ofTest != null ? ofTest : ofClass).keep(resource);
    }

    /** Every exchange of every balancer this extension started. */
    public RecordingLog log() {
        return log;
    }

    /** The balancer started last. */
    public Fulcrum fulcrum() {
        if (last == null) {
            throw new IllegalStateException("no balancer started yet");
        }
        return last;
    }

    /** The port of the last balancer's first listener. */
    public int port() {
        return fulcrum().port(0);
    }

    public String url(String path) {
        return "http://127.0.0.1:" + port() + path;
    }

    /** A raw client connection to {@link #port()}, closed after the test. */
    public RawHttpClient connect() {
        return keep(RawHttpClient.connect(port()));
    }
}
