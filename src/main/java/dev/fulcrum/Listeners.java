package dev.fulcrum;

import dev.fulcrum.config.FulcrumConfig;
import dev.fulcrum.config.ListenerConfig;
import dev.fulcrum.config.SecurityPolicy;
import dev.fulcrum.config.TlsConfig;
import dev.fulcrum.core.Ticker;
import dev.fulcrum.listener.ListenerServer;
import dev.fulcrum.observability.ExchangeLog;
import dev.fulcrum.proxy.Faults;
import dev.fulcrum.proxy.ProxyContext;
import dev.fulcrum.proxy.RoutingState;
import dev.fulcrum.routing.Router;
import dev.fulcrum.target.TargetGroups;
import dev.fulcrum.tls.ServerTls;
import dev.fulcrum.tls.TargetTls;
import dev.fulcrum.tls.TlsProvider;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The listeners of a load balancer: bound from the configuration at start; reconciled with each new configuration
 * (a listener that stays takes the new rules and attributes for its next requests, a new one is bound, a removed one
 * retires: it stops accepting and closes each connection after its current request); drained at the stop.
 */
final class Listeners {

    private static final Logger log = LoggerFactory.getLogger(Fulcrum.class);
    /** How often certificate files are checked for changes. */
    static final Duration CERTIFICATE_CHECK = Duration.ofSeconds(1);

    private final EventLoops loops;
    private final ExchangeLog exchangeLog;
    private final Clock clock;
    private final Faults faults;
    private final Ticker ticker;
    private final TargetTls targetTls;
    /** Serving, in configuration order; replaced whole, so that any thread may read it. */
    private volatile List<ListenerServer> serving = List.of();
    /** Removed by a reload: they finish their connections' current requests, then close. */
    private final List<ListenerServer> retired = new ArrayList<>();
    private long seed;
    /** Checks the HTTPS listeners' certificate files (it reads files, so not on an event loop); from the first. */
    private ScheduledExecutorService certificateWatch;

    /** @param exchangeLog what every exchange reports to */
    Listeners(EventLoops loops, ExchangeLog exchangeLog, FulcrumOptions options, TargetTls targetTls) {
        this.targetTls = targetTls;
        this.loops = loops;
        this.exchangeLog = exchangeLog;
        this.clock = options.clock();
        this.faults = options.faults();
        this.ticker = options.ticker();
        this.seed = options.randomSeed();
    }

    private void watchCertificates() {
        certificateWatch = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "fulcrum-certificate-watch");
            t.setDaemon(true);
            return t;
        });
        long every = CERTIFICATE_CHECK.toMillis();
        certificateWatch.scheduleWithFixedDelay(this::reloadCertificates, every, every, TimeUnit.MILLISECONDS);
    }

    private void reloadCertificates() {
        for (ListenerServer l : serving) {
            ServerTls tls = l.tls();
            if (tls != null) {
                try {
                    tls.reloadIfChanged();
                } catch (RuntimeException e) {
                    log.error("Certificates of listener {}: check failed", l.address(), e);
                }
            }
        }
    }

    /**
     * Binds every listener of {@code config}.
     *
     * @throws CannotListenException when one cannot listen; those bound before it stay bound until {@link #close}
     */
    void bind(FulcrumConfig config, TargetGroups groups) throws InterruptedException {
        List<ListenerServer> bound = new ArrayList<>();
        try {
            for (int i = 0; i < config.listeners().size(); i++) {
                bound.add(bind(config, i, groups));
            }
        } finally {
            serving = List.copyOf(bound);
        }
    }

    /**
     * Reconciles the listeners with {@code next}: the same listener is one with the same address and the same
     * port, as configured or as bound (for port 0). One that cannot be bound is logged; the rest applies.
     */
    void reconcile(FulcrumConfig next, TargetGroups groups) throws InterruptedException {
        List<ListenerServer> old = new ArrayList<>(serving);
        List<ListenerServer> now = new ArrayList<>();
        for (int i = 0; i < next.listeners().size(); i++) {
            ListenerConfig lc = next.listeners().get(i);
            ListenerServer same = old.stream().filter(l -> l.config().address().equals(lc.address())
                    && (l.config().port() == lc.port() || l.address().getPort() == lc.port()))
                    .findFirst().orElse(null);
            if (same != null && same.config().protocol() != lc.protocol()) {
                // Another protocol on the same port: the old listener lets go of the port for the new one.
                log.info("Reload: listener on {} changes from {} to {}", same.address(), same.config().protocol(),
                        lc.protocol());
                old.remove(same);
                retire(same);
                same = null;
            }
            if (same != null) {
                old.remove(same);
                updateCertificates(same, lc, next.loadBalancer().attributes().http2Enabled());
                same.context().state(routingState(next, lc, groups));
                now.add(same);
                continue;
            }
            try {
                now.add(bind(next, i, groups));
            } catch (CannotListenException e) {
                log.error("Reload: {}; the rest of the configuration applies", e.getMessage());
            } catch (RuntimeException e) {
                log.error("Reload: listener {} could not be bound ({}); the rest of the configuration applies",
                        CannotListenException.hostPort(lc.address(), lc.port()), e.toString());
            }
        }
        retired.removeIf(l -> l.openConnections() == 0); // earlier removals that finished
        for (ListenerServer gone : old) {
            log.info("Reload: listener on {} removed; it stops accepting and its connections close after their"
                    + " current request", gone.address());
            retire(gone);
        }
        serving = List.copyOf(now);
    }

    private void retire(ListenerServer gone) {
        gone.stopAccepting();
        gone.drain();
        retired.add(gone);
    }

    /** A reloaded HTTPS listener whose certificates or policy changed serves the new ones to new connections. */
    private static void updateCertificates(ListenerServer same, ListenerConfig lc, boolean http2) {
        TlsConfig now = same.tls() == null ? null : same.tls().config();
        if (lc.tls() == null || lc.tls().equals(now) && same.tls().http2() == http2) {
            return;
        }
        try {
            same.tls(ServerTls.of(lc.tls(), http2));
        } catch (IllegalStateException e) {
            log.error("Reload: listener on {} keeps its certificates: {}", same.address(), e.getMessage());
        }
    }

    private ListenerServer bind(FulcrumConfig config, int index, TargetGroups groups) throws InterruptedException {
        ListenerConfig lc = config.listeners().get(index);
        boolean http2 = config.loadBalancer().attributes().http2Enabled();
        ServerTls tls = lc.tlsConfig().map(t -> ServerTls.of(t, http2)).orElse(null);
        SecurityPolicy policy = tls == null ? null : tls.policy();
        ProxyContext context = new ProxyContext(tls == null ? "http" : "https", routingState(config, lc, groups),
                loops.resources(), exchangeLog, clock, ticker, faults, () -> targetTls.behind(policy));
        ListenerServer server = new ListenerServer(lc, context, loops.data(), loops.transport(), ++seed,
                config.listeners().size(), tls);
        InetSocketAddress bound = CannotListenException.bind(lc.address(), lc.port(), "listeners[" + index + "]",
                server::bind);
        if (tls == null) {
            log.info("Listener {} (HTTP) accepting on {}", lc.port(), bound);
        } else {
            if (certificateWatch == null) {
                log.info(TlsProvider.describe());
                watchCertificates();
            }
            log.info("Listener {} (HTTPS, {}, default certificate {}) accepting on {}", lc.port(),
                    tls.policy().name(), tls.certificates().get(0).names(), bound);
        }
        return server;
    }

    private static RoutingState routingState(FulcrumConfig c, ListenerConfig lc, TargetGroups groups) {
        return RoutingState.of(c.loadBalancer().attributes(), Router.compile(lc), groups);
    }

    /** Bound addresses of the serving listeners, in configuration order. */
    List<InetSocketAddress> addresses() {
        return serving.stream().map(ListenerServer::address).toList();
    }

    /** Open client connections of the serving listeners. */
    int openConnections() {
        return openConnections(serving);
    }

    private static int openConnections(List<ListenerServer> listeners) {
        return listeners.stream().mapToInt(ListenerServer::openConnections).sum();
    }

    /**
     * Stops every listener, retired ones too: no new connections; requests in flight finish for up to
     * {@code drainTimeout}, each connection closing after its current request; then what is left is cut.
     */
    void close(Duration drainTimeout) {
        if (certificateWatch != null) {
            certificateWatch.shutdownNow();
        }
        List<ListenerServer> all = new ArrayList<>(serving);
        all.addAll(retired);
        all.forEach(ListenerServer::stopAccepting);
        all.forEach(ListenerServer::drain);
        long deadline = System.nanoTime() + drainTimeout.toNanos();
        while (openConnections(all) > 0 && System.nanoTime() < deadline) {
            try {
                Thread.sleep(10); // the stopping thread waits for the loops to drain; no event loop blocks here
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        int cut = openConnections(all);
        if (cut > 0) {
            log.warn("Drain timeout: closing {} connections with requests still in flight", cut);
            all.forEach(ListenerServer::closeConnections);
        }
    }
}
