package dev.fulcrum;

import dev.fulcrum.core.Ticker;
import dev.fulcrum.observability.ExchangeLog;
import dev.fulcrum.proxy.Faults;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * How a load balancer runs, beyond its configuration file: the socket transport and threads, where each exchange
 * is reported, and the time, randomness and faults a test injects. Immutable; made by a {@link Builder}:
 *
 * <pre>{@code
 * FulcrumOptions.builder().eventLoops(2).log(log).drainTimeout(Duration.ofSeconds(5)).build()
 * }</pre>
 */
public final class FulcrumOptions {

    /** {@code auto}: io_uring where the kernel allows it, else epoll, else NIO. */
    public static final String DEFAULT_TRANSPORT = "auto";
    /** Event-loop threads: 0 is one per core. */
    public static final int DEFAULT_EVENT_LOOPS = 0;
    /** How long a stop waits for requests in flight before it cuts them. */
    public static final Duration DEFAULT_DRAIN_TIMEOUT = Duration.ofSeconds(30);

    private final String transport;
    private final int eventLoops;
    private final ExchangeLog log;
    private final Clock clock;
    private final long randomSeed;
    private final Duration drainTimeout;
    private final Faults faults;
    private final Ticker ticker;

    private FulcrumOptions(Builder b) {
        this.transport = b.transport;
        this.eventLoops = b.eventLoops;
        this.log = b.log;
        this.clock = b.clock;
        this.randomSeed = b.randomSeed != null ? b.randomSeed : System.nanoTime();
        this.drainTimeout = b.drainTimeout;
        this.faults = b.faults;
        this.ticker = b.ticker;
    }

    /** Every option at its default: system time, a seed drawn now, no faults, exchanges reported nowhere. */
    public static FulcrumOptions defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder that starts from these options. */
    public Builder toBuilder() {
        return new Builder().transport(transport).eventLoops(eventLoops).log(log).clock(clock)
                .randomSeed(randomSeed).drainTimeout(drainTimeout).faults(faults).ticker(ticker);
    }

    /** {@code auto}, {@code io_uring}, {@code epoll} or {@code nio}. */
    public String transport() {
        return transport;
    }

    /** Event-loop threads of the data path; 0 is one per core. */
    public int eventLoops() {
        return eventLoops;
    }

    /** Where each finished exchange is reported, after the metrics and the access log counted it. */
    public ExchangeLog log() {
        return log;
    }

    /** Wall-clock time: the access log's timestamps and each target's slow-start ramp. */
    public Clock clock() {
        return clock;
    }

    /** The seed of every random choice (trace ids, balancing ties, when checks start). */
    public long randomSeed() {
        return randomSeed;
    }

    public Duration drainTimeout() {
        return drainTimeout;
    }

    /** Failures injected into exchanges (the lab's 500); {@link Faults#NONE} in production. */
    public Faults faults() {
        return faults;
    }

    /** The data path's monotonic time. */
    public Ticker ticker() {
        return ticker;
    }

    @Override
    public String toString() {
        return "FulcrumOptions[transport=" + transport + ", eventLoops=" + eventLoops + ", randomSeed=" + randomSeed
                + ", drainTimeout=" + drainTimeout + "]";
    }

    /** Builds {@link FulcrumOptions}; every option not set keeps its default. */
    public static final class Builder {

        private String transport = DEFAULT_TRANSPORT;
        private int eventLoops = DEFAULT_EVENT_LOOPS;
        private ExchangeLog log = ExchangeLog.discard();
        private Clock clock = Clock.systemUTC();
        private Long randomSeed;
        private Duration drainTimeout = DEFAULT_DRAIN_TIMEOUT;
        private Faults faults = Faults.NONE;
        private Ticker ticker = Ticker.system();

        private Builder() {
        }

        /** {@code auto}, {@code io_uring}, {@code epoll} or {@code nio}; one that is not available falls back. */
        public Builder transport(String transport) {
            this.transport = Objects.requireNonNull(transport, "transport");
            return this;
        }

        /** Event-loop threads of the data path; 0 is one per core. */
        public Builder eventLoops(int eventLoops) {
            if (eventLoops < 0) {
                throw new IllegalArgumentException("eventLoops: " + eventLoops + " (expected: >= 0)");
            }
            this.eventLoops = eventLoops;
            return this;
        }

        public Builder log(ExchangeLog log) {
            this.log = Objects.requireNonNull(log, "log");
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** A fixed seed makes every random choice repeat from one run to the next; by default one is drawn. */
        public Builder randomSeed(long randomSeed) {
            this.randomSeed = randomSeed;
            return this;
        }

        public Builder drainTimeout(Duration drainTimeout) {
            Objects.requireNonNull(drainTimeout, "drainTimeout");
            if (drainTimeout.isNegative()) {
                throw new IllegalArgumentException("drainTimeout: " + drainTimeout + " (expected: >= 0)");
            }
            this.drainTimeout = drainTimeout;
            return this;
        }

        public Builder faults(Faults faults) {
            this.faults = Objects.requireNonNull(faults, "faults");
            return this;
        }

        public Builder ticker(Ticker ticker) {
            this.ticker = Objects.requireNonNull(ticker, "ticker");
            return this;
        }

        public FulcrumOptions build() {
            return new FulcrumOptions(this);
        }
    }
}
