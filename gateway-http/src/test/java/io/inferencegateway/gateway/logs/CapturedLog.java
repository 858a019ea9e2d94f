package io.inferencegateway.gateway.logs;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.slf4j.LoggerFactory;

/** The lines one logger writes while the test holds this open. */
final class CapturedLog implements AutoCloseable {

    private final Logger logger;
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

    CapturedLog(Class<?> loggerOf) {
        logger = (Logger) LoggerFactory.getLogger(loggerOf);
        appender.start();
        logger.addAppender(appender);
    }

    /** How many lines at {@code level} contain {@code text}. */
    long count(Level level, String text) {
        synchronized (appender) { // the lock AppenderBase.doAppend holds while it adds
            return appender.list.stream()
                    .filter(event -> event.getLevel() == level && event.getFormattedMessage().contains(text))
                    .count();
        }
    }

    @Override
    public void close() {
        logger.detachAppender(appender);
        appender.stop();
    }
}
