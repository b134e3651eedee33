package dev.fulcrum.target;

import static dev.fulcrum.testing.HealthConfigs.check;
import static dev.fulcrum.testing.HealthConfigs.group;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.fulcrum.testing.TargetGroupFixture;
import java.time.Clock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** Each health transition is logged once, with the target, both states and the reason; repeats are silent. */
class TransitionLogTest {

    private final Logger logger = (Logger) LoggerFactory.getLogger(TargetGroup.class);
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
    private Level level;

    @BeforeEach
    void attach() {
        level = logger.getLevel();
        logger.setLevel(Level.INFO);
        appender.start();
        logger.addAppender(appender);
    }

    @AfterEach
    void detach() {
        logger.detachAppender(appender);
        logger.setLevel(level);
    }

    @Test
    void eachTransitionIsLoggedOnceWithFromToAndReason() {
        try (TargetGroupFixture fixture = new TargetGroupFixture(group("web", check("/", "200", 2, 2), 9001),
                Clock.systemUTC())) {
            TargetGroup g = fixture.group();
            Target t = fixture.get(0);
            appender.list.clear();
            g.transition(t, TargetHealth.INITIAL_HEALTH_CHECKING);
            g.transition(t, TargetHealth.HEALTHY);
            g.transition(t, TargetHealth.HEALTHY);
            g.transition(t, TargetHealth.responseCodeMismatch(404));
            g.transition(t, TargetHealth.responseCodeMismatch(404));

            assertThat(appender.list).extracting(ILoggingEvent::getFormattedMessage).containsExactly(
                    "Target 127.0.0.1:9001 of web: initial -> initial"
                            + " (Elb.InitialHealthChecking: Initial health checks in progress)",
                    "Target 127.0.0.1:9001 of web: initial -> healthy",
                    "Target 127.0.0.1:9001 of web: healthy -> unhealthy"
                            + " (Target.ResponseCodeMismatch: Health checks failed with these codes: [404])",
                    // its only target unhealthy, the group fails open: said once, by the group
                    "Target group web in routing failover: 0 of 1 target(s) healthy, below the minimum (count 1,"
                            + " percentage off): unhealthy targets receive requests too");
        }
    }
}
