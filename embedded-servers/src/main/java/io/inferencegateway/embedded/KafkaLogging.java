package io.inferencegateway.embedded;

import org.slf4j.LoggerFactory;

/**
 * Turns the embedded broker's chatter down to WARN unless the application configured those loggers itself.
 *
 * <p>The broker logs through SLF4J (its Log4j API calls are bridged there), so the backend decides. Only Logback is
 * adjusted; it is an optional dependency, hence the class-name check before {@link LogbackLevels} is loaded.
 */
final class KafkaLogging {

    static final String[] BROKER_LOGGERS = {"kafka", "org.apache.kafka", "state.change.logger"};

    private KafkaLogging() {
    }

    static void quietUnlessConfigured() {
        if (LoggerFactory.getILoggerFactory().getClass().getName().equals("ch.qos.logback.classic.LoggerContext")) {
            LogbackLevels.warnUnlessSet(BROKER_LOGGERS);
        }
    }
}
