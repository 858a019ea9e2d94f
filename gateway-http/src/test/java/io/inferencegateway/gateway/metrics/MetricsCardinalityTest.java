package io.inferencegateway.gateway.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.inferencegateway.gateway.GatewayFixture;
import io.inferencegateway.gateway.RawHttp;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Issue 14: every HTTP method a client made up used to become a label value, so one unauthenticated connection
 * could grow {@code /metrics} (and the heap) without bound. Label values now come from closed sets.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class MetricsCardinalityTest {

    private static final String SERIES = "gateway_http_requests_seconds_count{";

    private static GatewayFixture gateway;

    @BeforeAll
    static void start() {
        gateway = GatewayFixture.start();
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    @Test
    void tenThousandMadeUpMethodsAddNoSeries() throws Exception {
        String before;
        String after;
        try (RawHttp connection = new RawHttp(gateway.app().port())) {
            // One odd method and one scrape first: the series they fall in may appear once.
            assertThat(connection.exchange(request(oddMethod(-1))).status()).isEqualTo(405);
            scrape(connection);
            before = scrape(connection);
            for (int i = 0; i < 10_000; i++) {
                assertThat(connection.exchange(request(oddMethod(i))).status()).isEqualTo(405);
            }
            after = scrape(connection);
        }
        System.out.printf("/metrics: %,d bytes before 10,000 odd methods, %,d after%n", before.length(),
                after.length());

        assertThat(series(after)).isEqualTo(series(before));
        assertThat(after).contains(SERIES + "method=\"OTHER\",route=\"unmatched\",status=\"405\"} 10001");
        assertThat(after.length()).isLessThan(before.length() + 2_000);
    }

    @Test
    void knownMethodsKeepTheirNames() throws Exception {
        try (RawHttp connection = new RawHttp(gateway.app().port())) {
            assertThat(connection.exchange("DELETE /v1/models HTTP/1.1\r\nHost: gateway\r\n\r\n").status())
                    .isEqualTo(405);
            assertThat(scrape(connection)).contains(SERIES + "method=\"DELETE\",route=\"unmatched\",status=\"405\"}");
        }
    }

    /** 1,000 characters, each method different, as in the report. */
    private static String oddMethod(int i) {
        String name = "M" + i + "X";
        return name + "Y".repeat(1_000 - name.length());
    }

    private static String request(String method) {
        return method + " /v1/models HTTP/1.1\r\nHost: gateway\r\n\r\n";
    }

    private static String scrape(RawHttp connection) throws Exception {
        RawHttp.Answer answer = connection.exchange("GET /metrics HTTP/1.1\r\nHost: gateway\r\n\r\n");
        assertThat(answer.status()).isEqualTo(200);
        return answer.body();
    }

    /** The label sets of the request timers, e.g. {@code method="GET",route="/metrics",status="200"}. */
    private static Set<String> series(String scrape) {
        return scrape.lines().filter(line -> line.startsWith(SERIES))
                .map(line -> line.substring(SERIES.length(), line.indexOf('}')))
                .collect(Collectors.toSet());
    }
}
