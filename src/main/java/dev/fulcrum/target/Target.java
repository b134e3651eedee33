package dev.fulcrum.target;

import dev.fulcrum.balancing.Endpoint;
import dev.fulcrum.config.TargetConfig;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A registered target at run time. Shared by every event loop: the in-flight count and set are concurrent,
 * everything else is immutable or published through volatile fields. State changes go through its
 * {@link TargetGroup}, which recomputes what is routable.
 */
public final class Target implements Endpoint {

    /** A request in flight to a target; the target cuts it when its deregistration delay elapses. */
    public interface InFlight {
        /** Called on any thread; the request must end itself on its own event loop. */
        void deregistrationDelayElapsed();
    }

    private final InetSocketAddress address;
    private final String hostPort;
    private final Clock clock;
    private final AtomicInteger outstanding = new AtomicInteger();
    private final Set<InFlight> inFlight = ConcurrentHashMap.newKeySet();
    private volatile TargetConfig config;
    private volatile TargetHealth health;
    /** Start of the slow-start ramp in clock millis, or -1 when the target is not ramping. */
    private volatile long rampStartMillis = -1;
    private volatile long rampMillis;
    /**
     * Whether the target's first turn to healthy starts a slow-start ramp: only when the group had a healthy
     * target out of slow start when this one registered (ALB: a first batch of targets does not ramp).
     */
    private volatile boolean rampOnFirstHealthy;
    private volatile boolean beenHealthy;
    /** Run once the last in-flight request of a draining target ends. */
    private volatile Runnable onDrained;

    Target(TargetConfig config, TargetHealth health, Clock clock) {
        this.config = config;
        this.health = health;
        this.clock = clock;
        this.address = addressOf(config);
        this.hostPort = config.hostPort();
    }

    public TargetConfig config() {
        return config;
    }

    /** The target's id: its IP address as configured. */
    public String id() {
        return config.id();
    }

    public int port() {
        return config.port();
    }

    public InetSocketAddress address() {
        return address;
    }

    /** {@code ip:port} ({@code [v6]:port}) as the access log writes it. */
    public String hostPort() {
        return hostPort;
    }

    public TargetHealth health() {
        return health;
    }

    /**
     * The effective weight: the configured weight, times the share of the slow-start ramp elapsed since the
     * target turned healthy (linear, as ALB describes it).
     */
    @Override
    public double weight() {
        int weight = config.weight();
        long start = rampStartMillis;
        if (start < 0) {
            return weight;
        }
        long elapsed = clock.millis() - start;
        if (elapsed >= rampMillis) {
            return weight;
        }
        // At least one millisecond's share, so a target that just entered the ramp can receive a first request.
        return weight * (double) Math.max(elapsed, 1) / rampMillis;
    }

    /** Whether the target is in its slow-start ramp now. */
    public boolean isRamping() {
        long start = rampStartMillis;
        return start >= 0 && clock.millis() - start < rampMillis;
    }

    @Override
    public int outstandingRequests() {
        return outstanding.get();
    }

    public void requestStarted(InFlight request) {
        outstanding.incrementAndGet();
        inFlight.add(request);
    }

    public void requestFinished(InFlight request) {
        outstanding.decrementAndGet();
        if (inFlight.remove(request) && inFlight.isEmpty()) {
            Runnable drained = onDrained;
            if (drained != null && health.is(TargetHealth.State.DRAINING)) {
                drained.run();
            }
        }
    }

    // ---- changed by the group only --------------------------------------------------------------------------

    void config(TargetConfig newConfig) {
        this.config = newConfig;
    }

    void health(TargetHealth newHealth) {
        this.health = newHealth;
    }

    void startRamp(long startMillis, long durationMillis) {
        this.rampMillis = durationMillis;
        this.rampStartMillis = startMillis;
    }

    void rampOnFirstHealthy(boolean ramp) {
        this.rampOnFirstHealthy = ramp;
    }

    /** Whether turning healthy now may start a ramp; remembers that the target has been healthy. */
    boolean mayRampNow() {
        boolean may = beenHealthy || rampOnFirstHealthy;
        beenHealthy = true;
        return may;
    }

    void stopRamp() {
        this.rampStartMillis = -1;
    }

    void onDrained(Runnable action) {
        this.onDrained = action;
    }

    boolean hasInFlight() {
        return !inFlight.isEmpty();
    }

    List<InFlight> inFlight() {
        return List.copyOf(inFlight);
    }

    @Override
    public String toString() {
        return hostPort;
    }

    static InetSocketAddress addressOf(TargetConfig config) {
        return new InetSocketAddress(parseLiteral(config.id()), config.port());
    }

    private static InetAddress parseLiteral(String id) {
        // Targets are IP literals (validated by the config loader); getByName does no lookup for a literal.
        try {
            return InetAddress.getByName(id);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalArgumentException("target id is not an IP address: " + id, e);
        }
    }
}
