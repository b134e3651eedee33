package dev.fulcrum.testing;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.fulcrum.target.Target;
import dev.fulcrum.target.TargetGroup;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * Records what target groups log about their targets (registrations and health transitions) and about themselves
 * (routing failover) while open. A test reads a target's path through its states here instead of sampling
 * {@code health()}: a check on another loop may move the target on before the test thread looks.
 */
public final class TransitionLog implements AutoCloseable {

    private final Logger logger = (Logger) LoggerFactory.getLogger(TargetGroup.class);
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
    private final Level level;

    public TransitionLog() {
        level = logger.getLevel();
        logger.setLevel(Level.INFO);
        appender.start();
        logger.addAppender(appender);
    }

    /** The lines about {@code target}, oldest first, each without the leading "Target host:port ". */
    public List<String> of(Target target) {
        return of(target.hostPort());
    }

    /**
     * The lines about the target at {@code hostPort} ({@code ip:port}), oldest first, each without the leading
     * "Target host:port ": usable before the target exists, and on any thread.
     */
    public List<String> of(String hostPort) {
        String prefix = "Target " + hostPort + " ";
        return startingWith(prefix).stream().map(line -> line.substring(prefix.length())).toList();
    }

    /** The lines about the group {@code name} itself (routing failover), oldest first. */
    public List<String> ofGroup(String name) {
        return startingWith("Target group " + name + " ");
    }

    private List<String> startingWith(String prefix) {
        List<ILoggingEvent> events;
        synchronized (appender) { // the lock under which the appender adds (AppenderBase.doAppend)
            events = List.copyOf(appender.list);
        }
        return events.stream()
                .map(ILoggingEvent::getFormattedMessage)
                .filter(line -> line.startsWith(prefix))
                .toList();
    }

    @Override
    public void close() {
        logger.detachAppender(appender);
        logger.setLevel(level);
    }
}
