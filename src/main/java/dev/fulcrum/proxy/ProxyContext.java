package dev.fulcrum.proxy;

import dev.fulcrum.core.Ticker;
import dev.fulcrum.observability.ExchangeLog;
import io.netty.util.concurrent.EventExecutor;
import java.time.Clock;
import java.util.Map;

/**
 * Everything the exchanges of one listener share: routing state, per-loop resources, the log, the wall clock (for
 * the log's times) and the ticker (for every duration on the data path), and the fault seam.
 */
public final class ProxyContext {

    private final String scheme;
    private final Map<EventExecutor, LoopResources> loops;
    private final ExchangeLog log;
    private final Clock clock;
    private final Ticker ticker;
    private final Faults faults;
    private volatile RoutingState state;
    private volatile int listenerPort;

    public ProxyContext(String scheme, RoutingState state, Map<EventExecutor, LoopResources> loops,
            ExchangeLog log, Clock clock, Ticker ticker, Faults faults) {
        this.faults = faults;
        this.ticker = ticker;
        this.scheme = scheme;
        this.state = state;
        this.loops = Map.copyOf(loops);
        this.log = log;
        this.clock = clock;
    }

    public RoutingState state() {
        return state;
    }

    public void state(RoutingState state) {
        this.state = state;
    }

    /** The port clients connect to (known once the listener is bound). */
    public int listenerPort() {
        return listenerPort;
    }

    public void listenerPort(int port) {
        this.listenerPort = port;
    }

    /** {@code http} or {@code https}. */
    public String scheme() {
        return scheme;
    }

    public LoopResources loop(EventExecutor executor) {
        LoopResources r = loops.get(executor);
        if (r == null) {
            throw new IllegalStateException("no resources for event loop " + executor);
        }
        return r;
    }

    public ExchangeLog log() {
        return log;
    }

    public Clock clock() {
        return clock;
    }

    public Ticker ticker() {
        return ticker;
    }

    public Faults faults() {
        return faults;
    }
}
