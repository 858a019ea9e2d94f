package io.inferencegateway.gateway.http;

import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * The one listening connector of a gateway server, made here rather than by Javalin so that its settings take hold:
 * Javalin adds its own connector only after {@code modifyServer} has run, too late to change it there.
 */
public final class GatewayConnector {

    /** Jetty's default backlog of 50 refuses connections under bursts of new clients. */
    private static final int ACCEPT_QUEUE = 4096;

    private GatewayConnector() {
    }

    /** For {@code config.jetty.addConnector}: listens on {@code host}:{@code port} (0 for any free port). */
    public static ServerConnector create(Server server, HttpConfiguration http, String host, int port,
                                         ReadDeadlines deadlines) {
        ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(http));
        connector.setHost(host);
        connector.setPort(port);
        connector.setAcceptQueueSize(ACCEPT_QUEUE);
        deadlines.applyTo(connector, http);
        return connector;
    }
}
