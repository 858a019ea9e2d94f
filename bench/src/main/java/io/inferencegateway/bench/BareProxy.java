package io.inferencegateway.bench;

import io.inferencegateway.adaptors.http.JettyClients;
import java.nio.ByteBuffer;
import java.time.Duration;
import org.eclipse.jetty.client.BufferingResponseListener;
import org.eclipse.jetty.client.BytesRequestContent;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.Result;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The benchmark's reference row: a proxy on the gateway's HTTP library (Jetty's core server, under the gateway's
 * Javalin and servlet layers, and the adaptors' Jetty client as {@link JettyClients} builds it) that forwards each
 * POST to one URL and relays status, type and body, with no authentication, validation, routing or logs. It answers
 * what the library alone costs on the machine, so a report shows how much of the gap to direct is the gateway's own
 * work. No thread waits: the answer is written from the callback that completes the upstream call.
 */
final class BareProxy implements AutoCloseable {

    private static final int MAX_BODY_BYTES = 32 * 1024 * 1024;

    private final Server server;
    private final HttpClient client;

    private BareProxy(Server server, HttpClient client) {
        this.server = server;
        this.client = client;
    }

    /** Listens on {@code host:port} (0 picks a free port) and forwards every request to {@code target}. */
    static BareProxy start(String host, int port, String target) {
        HttpClient client = JettyClients.start("bare-proxy", Duration.ofSeconds(5), 1024);
        Server server = new Server(new QueuedThreadPool(16));
        ServerConnector connector = new ServerConnector(server, 1, 1);
        connector.setHost(host);
        connector.setPort(port);
        connector.setAcceptQueueSize(4096);
        server.addConnector(connector);
        server.setHandler(new Forward(client, target));
        try {
            server.start();
        } catch (Exception e) {
            JettyClients.stop(client);
            throw new IllegalStateException("Cannot start the bare proxy on " + host + ":" + port, e);
        }
        return new BareProxy(server, client);
    }

    int port() {
        return ((ServerConnector) server.getConnectors()[0]).getLocalPort();
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            throw new IllegalStateException("Cannot stop the bare proxy", e);
        } finally {
            JettyClients.stop(client);
        }
    }

    /** Reads the body without blocking, forwards it, and answers from the upstream call's completion. */
    private static final class Forward extends Handler.Abstract.NonBlocking {

        private final HttpClient client;
        private final String target;

        Forward(HttpClient client, String target) {
            this.client = client;
            this.target = target;
        }

        @Override
        public boolean handle(Request request, Response response, Callback callback) {
            String contentType = request.getHeaders().get(HttpHeader.CONTENT_TYPE);
            Content.Source.asByteArrayAsync(request, MAX_BODY_BYTES).whenComplete((body, failure) -> {
                if (failure != null) {
                    Response.writeError(request, response, callback, 400, failure.getMessage());
                    return;
                }
                var upstream = client.newRequest(target).method(HttpMethod.POST)
                        .body(new BytesRequestContent(contentType == null ? "application/json" : contentType, body));
                String authorization = request.getHeaders().get(HttpHeader.AUTHORIZATION);
                if (authorization != null) {
                    upstream.headers(headers -> headers.put(HttpHeader.AUTHORIZATION, authorization));
                }
                upstream.send(new BufferingResponseListener(MAX_BODY_BYTES) {
                    @Override
                    public void onComplete(Result result) {
                        if (result.isFailed()) {
                            Response.writeError(request, response, callback, 502, result.getFailure().getMessage());
                            return;
                        }
                        response.setStatus(result.getResponse().getStatus());
                        String type = result.getResponse().getHeaders().get(HttpHeader.CONTENT_TYPE);
                        if (type != null) {
                            response.getHeaders().put(HttpHeader.CONTENT_TYPE, type);
                        }
                        response.write(true, ByteBuffer.wrap(getContent()), callback);
                    }
                });
            });
            return true;
        }
    }
}
