package io.inferencegateway.adaptors.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.util.VirtualThreads;
import org.eclipse.jetty.util.component.LifeCycle;
import org.junit.jupiter.api.Test;

class JettyClientsTest {

    @Test
    void theClientRunsBlockingWorkOnVirtualThreadsAndStopsItsThreads() {
        HttpClient client = JettyClients.start("test-client", Duration.ofSeconds(2), 8);

        assertThat(client.isStarted()).isTrue();
        assertThat(VirtualThreads.isUseVirtualThreads(client.getExecutor())).isTrue();
        assertThat(client.getMaxConnectionsPerDestination()).isEqualTo(8);
        assertThat(client.getConnectTimeout()).isEqualTo(2000);
        assertThat(client.isFollowRedirects()).isFalse();

        JettyClients.stop(client);

        assertThat(client.isStopped()).isTrue();
        assertThat(((LifeCycle) client.getExecutor()).isStopped()).isTrue();
        assertThat(((LifeCycle) client.getScheduler()).isStopped()).isTrue();
    }
}
