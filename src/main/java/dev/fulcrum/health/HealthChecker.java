package dev.fulcrum.health;

import dev.fulcrum.config.HealthCheckConfig;
import dev.fulcrum.config.Protocol;
import dev.fulcrum.target.Target;
import dev.fulcrum.target.TargetGroup;
import dev.fulcrum.target.TargetHealth;
import dev.fulcrum.target.TargetHealth.State;
import io.netty.channel.EventLoop;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.util.concurrent.ScheduledFuture;
import java.time.Duration;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.concurrent.TimeUnit;
import java.util.random.RandomGenerator;

/**
 * Checks the targets of one target group, each every {@code intervalSeconds}, from one event loop of the health
 * group (never a data-path loop). Everything here runs on that loop.
 *
 * <p>When: a new target's first check comes within {@link #FIRST_CHECK_WINDOW} of its registration (at a random
 * moment, so that targets registered together are not checked together), so it need not wait a whole interval
 * before it can serve. Its second check comes at a random point of the following interval (no sooner than the
 * timeout), and from then on every interval: the checks of many targets spread over the interval instead of
 * firing together.
 *
 * <p>Thresholds: a target in {@code initial} turns healthy after one passing check; after that
 * {@code healthyThresholdCount} consecutive passes make an unhealthy target healthy and
 * {@code unhealthyThresholdCount} consecutive failures make a healthy (or initial) target unhealthy.
 */
final class HealthChecker {

    static final Duration FIRST_CHECK_WINDOW = Duration.ofSeconds(1);

    private final TargetGroup group;
    private final EventLoop loop;
    private final Class<? extends SocketChannel> channelClass;
    private final RandomGenerator random;
    private final Supplier<SslContext> tls;
    private final Map<Target, Check> checks = new IdentityHashMap<>();
    private boolean stopped;

    HealthChecker(TargetGroup group, EventLoop loop, Class<? extends SocketChannel> channelClass,
            RandomGenerator random, Supplier<SslContext> tls) {
        this.tls = tls;
        this.group = group;
        this.loop = loop;
        this.channelClass = channelClass;
        this.random = random;
    }

    /** Starts checking newly registered targets and stops checking those that left, drain or are not checked. */
    void sync() {
        loop.execute(() -> {
            if (stopped) {
                return;
            }
            HealthCheckConfig config = group.config().healthCheck();
            Set<Target> wanted = new LinkedHashSet<>(); // in registration order: the random draws repeat
            for (Target t : group.targets()) {
                if (config.enabled() && !t.health().is(State.DRAINING) && !t.health().is(State.UNUSED)) {
                    wanted.add(t);
                }
            }
            checks.entrySet().removeIf(e -> {
                boolean gone = !wanted.contains(e.getKey());
                if (gone) {
                    e.getValue().cancel();
                }
                return gone;
            });
            for (Target t : wanted) {
                if (!checks.containsKey(t)) {
                    Check c = new Check(t);
                    checks.put(t, c);
                    long window = Math.min(config.interval().toMillis(), FIRST_CHECK_WINDOW.toMillis());
                    c.schedule((long) (random.nextDouble() * window));
                }
            }
        });
    }

    void stop() {
        loop.execute(() -> {
            stopped = true;
            checks.values().forEach(Check::cancel);
            checks.clear();
        });
    }

    /** The checks of one target and their consecutive counts. */
    private final class Check {
        private final Target target;
        private int passes;
        private int failures;
        /** Counts the target's registrations seen by this check; a probe's outcome counts only in its own. */
        private int registration;
        private boolean checkedOnce;
        private ScheduledFuture<?> next;
        private boolean cancelled;

        Check(Target target) {
            this.target = target;
        }

        void schedule(long delayMillis) {
            next = loop.schedule(this::run, delayMillis, TimeUnit.MILLISECONDS);
        }

        void cancel() {
            cancelled = true;
            if (next != null) {
                next.cancel(false);
            }
        }

        private void run() {
            if (cancelled) {
                return;
            }
            HealthCheckConfig config = group.config().healthCheck();
            if (!config.enabled()) {
                return; // switched off by a reload; sync() drops this check
            }
            long interval = config.interval().toMillis();
            if (checkedOnce) {
                schedule(interval);
            } else {
                checkedOnce = true; // the next check at this target's own, random, phase of the interval
                long timeout = config.timeout().toMillis();
                schedule(timeout + (long) (random.nextDouble() * Math.max(0, interval - timeout)));
            }
            if (target.health().equals(TargetHealth.REGISTRATION_IN_PROGRESS)) {
                // Registered anew (or its checks switched off and on, or its group back in use, before sync() ran
                // here): what earlier probes found does not count for this registration.
                registration++;
                passes = 0;
                failures = 0;
                group.transition(target, TargetHealth.INITIAL_HEALTH_CHECKING);
            }
            int probed = registration;
            SslContext probeTls = config.protocol() == Protocol.HTTPS ? tls.get() : null;
            HealthCheckProbe.run(loop, channelClass, config, target, probeTls, failure -> {
                // A target back in registration while this probe was out starts over at its next check.
                if (!cancelled && probed == registration
                        && !target.health().equals(TargetHealth.REGISTRATION_IN_PROGRESS)) {
                    outcome(config, failure);
                }
            });
        }

        private void outcome(HealthCheckConfig config, TargetHealth failure) {
            TargetHealth now = target.health();
            if (failure == null) {
                failures = 0;
                passes++;
                if (now.is(State.INITIAL) || passes >= config.healthyThresholdCount()) {
                    group.transition(target, TargetHealth.HEALTHY);
                }
            } else {
                passes = 0;
                failures++;
                if (now.is(State.UNHEALTHY) || failures >= config.unhealthyThresholdCount()) {
                    group.transition(target, failure);
                }
            }
        }
    }
}
