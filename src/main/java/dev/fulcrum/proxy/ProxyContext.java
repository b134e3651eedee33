package dev.fulcrum.proxy;

import dev.fulcrum.core.Ticker;
import dev.fulcrum.observability.ExchangeLog;
import io.netty.handler.ssl.SslContext;
import io.netty.util.concurrent.EventExecutor;
import java.time.Clock;
import java.util.Map;
import java.util.function.Supplier;

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
    private final Supplier<SslContext> targetTls;
    private volatile RoutingState state;
    private volatile int listenerPort;

    /** @param targetTls the TLS context towards HTTPS targets behind this listener (made on first use) */
    public ProxyContext(String scheme, RoutingState state, Map<EventExecutor, LoopResources> loops,
            ExchangeLog log, Clock clock, Ticker ticker, Faults faults, Supplier<SslContext> targetTls) {
        this.faults = faults;
        this.targetTls = targetTls;
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

    /** The TLS context towards HTTPS targets behind this listener. */
    public SslContext targetTls() {
        return targetTls.get();
    }

    public Faults faults() {
        return faults;
    }
}
