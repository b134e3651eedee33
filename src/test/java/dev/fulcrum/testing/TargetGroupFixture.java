package dev.fulcrum.testing;

import dev.fulcrum.config.TargetGroupConfig;
import dev.fulcrum.target.Target;
import dev.fulcrum.target.TargetGroup;
import dev.fulcrum.target.TargetGroups;
import java.time.Clock;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/** One runtime target group without a balancer around it, for tests that drive its states directly. */
public final class TargetGroupFixture implements AutoCloseable {

    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "target-group-fixture");
        t.setDaemon(true);
        return t;
    });
    private final TargetGroup group;

    public TargetGroupFixture(TargetGroupConfig config, Clock clock) {
        this.group = TargetGroups.of(TestConfigs.forwardingTo(config), clock, scheduler, t -> { }).get(config.name());
    }

    public TargetGroup group() {
        return group;
    }

    public Target get(int index) {
        return group.targets().get(index);
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
