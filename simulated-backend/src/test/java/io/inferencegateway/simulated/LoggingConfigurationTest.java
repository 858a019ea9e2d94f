package io.inferencegateway.simulated;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import java.net.URL;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The server run on its own classpath (bin/bench, or anyone starting the module alone) brings its logging
 * configuration: without one, Logback logs every request of Jetty and Javalin at DEBUG, and the "direct" path that
 * every benchmark ratio is measured against ran 45 times slower.
 */
@Timeout(10)
class LoggingConfigurationTest {

    @Test
    void theModuleShipsAConfigurationThatLogsAtInfoAndQuietsItsServers() throws Exception {
        URL configuration = SimulatedBackendServer.class.getResource("/logback.xml");
        assertThat(configuration).as("logback.xml on the module's own classpath").isNotNull();

        LoggerContext context = new LoggerContext();
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(context);
        configurator.doConfigure(configuration);
        try {
            assertThat(context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).getLevel()).isEqualTo(Level.INFO);
            assertThat(context.getLogger("org.eclipse.jetty.server.Server").isDebugEnabled()).isFalse();
            assertThat(context.getLogger("io.javalin.Javalin").isInfoEnabled()).isFalse();
        } finally {
            context.stop();
        }
    }
}
