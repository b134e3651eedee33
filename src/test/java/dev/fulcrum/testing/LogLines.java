package dev.fulcrum.testing;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * Records what Fulcrum's loggers log at INFO and above while open (the tests' console shows warnings only), for a
 * test that asserts what the balancer said, or that it did not say something.
 */
public final class LogLines implements AutoCloseable {

    private final Logger logger = (Logger) LoggerFactory.getLogger("dev.fulcrum");
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
    private final Level level;

    public LogLines() {
        level = logger.getLevel();
        logger.setLevel(Level.INFO);
        appender.start();
        logger.addAppender(appender);
    }

    /** Every line so far, oldest first, as formatted for the log (without time, level or logger). */
    public List<String> all() {
        synchronized (appender) { // the lock under which the appender adds (AppenderBase.doAppend)
            return appender.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
        }
    }

    @Override
    public void close() {
        logger.detachAppender(appender);
        logger.setLevel(level);
    }
}
