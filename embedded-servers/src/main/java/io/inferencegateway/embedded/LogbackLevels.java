package io.inferencegateway.embedded;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import org.slf4j.LoggerFactory;

/** Sets Logback levels; loaded only when Logback is the SLF4J backend. */
final class LogbackLevels {

    private LogbackLevels() {
    }

    /** Sets WARN on each logger that has no level of its own, so an explicit configuration still wins. */
    static void warnUnlessSet(String... names) {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        for (String name : names) {
            Logger logger = context.getLogger(name);
            if (logger.getLevel() == null) {
                logger.setLevel(Level.WARN);
            }
        }
    }
}
