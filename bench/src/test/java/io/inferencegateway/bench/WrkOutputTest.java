package io.inferencegateway.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class WrkOutputTest {

    /** wrk 4.1's own summary, then the line our done() hook writes. */
    private static final String OUTPUT = """
            Running 15s test @ http://127.0.0.1:41234/v1/chat/completions
              2 threads and 16 connections
              Thread Stats   Avg      Stdev     Max   +/- Stdev
                Latency     1.52ms    2.10ms  48.77ms   93.12%
                Req/Sec     5.81k   412.33     6.70k    71.00%
              173456 requests in 15.00s, 98.21MB read
              Non-2xx or 3xx responses: 3
            Requests/sec:  11563.51
            Transfer/sec:      6.55MB
            BENCH requests=173456 duration_us=15000412 connect=0 read=1 write=0 status=3 timeout=2 p50_us=1187 p90_us=2304 p99_us=9876 mean_us=1523.4 max_us=48770
            """;

    @Test
    void readsTheDoneLine() {
        WrkResult result = WrkOutput.parse(OUTPUT);

        assertThat(result.requests()).isEqualTo(173_456);
        assertThat(result.durationMicros()).isEqualTo(15_000_412);
        assertThat(result.requestsPerSecond()).isCloseTo(11_563.2, org.assertj.core.data.Offset.offset(0.5));
        assertThat(result.p50Millis()).isEqualTo(1.187);
        assertThat(result.p90Micros()).isEqualTo(2304);
        assertThat(result.p99Millis()).isEqualTo(9.876);
        assertThat(result.meanMicros()).isEqualTo(1523.4);
        assertThat(result.maxMicros()).isEqualTo(48_770);
    }

    @Test
    void countsEveryKindOfErrorIncludingBadStatuses() {
        assertThat(WrkOutput.parse(OUTPUT).errors()).isEqualTo(6);
    }

    @Test
    void failsQuotingTheOutputWhenTheHookDidNotRun() {
        assertThatThrownBy(() -> WrkOutput.parse("unable to connect to 127.0.0.1:1 Connection refused\n"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no BENCH line")
                .hasMessageContaining("Connection refused");
    }

    @Test
    void failsNamingAMissingField() {
        assertThatThrownBy(() -> WrkOutput.parse("BENCH requests=10 duration_us=100\n"))
                .hasMessageContaining("no field");
    }

    @Test
    void theScriptPostsTheBodyWithTheKeyAndPrintsWhatTheParserReads() {
        String lua = WrkScript.lua("{\"model\":\"it's\"}", "igw-key");

        assertThat(lua).contains("wrk.method = \"POST\"")
                .contains("wrk.body = '{\"model\":\"it\\'s\"}'")
                .contains("wrk.headers[\"Authorization\"] = \"Bearer igw-key\"")
                .contains("BENCH requests=%d duration_us=%d connect=%d read=%d write=%d status=%d timeout=%d")
                .contains("latency:percentile(99)");
    }

    @Test
    void thePeersScriptAlsoSendsItsRoutingHeaders() {
        String lua = WrkScript.lua("{}", "igw-key", Map.of("x-portkey-provider", "openai",
                "x-portkey-custom-host", "http://127.0.0.1:8000/v1"));

        assertThat(lua).contains("wrk.headers['x-portkey-custom-host'] = 'http://127.0.0.1:8000/v1'\n"
                        + "wrk.headers['x-portkey-provider'] = 'openai'\n")
                .contains("wrk.headers[\"Authorization\"] = \"Bearer igw-key\"");
    }

    @Test
    void oneThreadForOneConnectionTwoOtherwise() {
        assertThat(WrkRunner.threadsFor(1)).isEqualTo(1);
        assertThat(WrkRunner.threadsFor(16)).isEqualTo(2);
        assertThat(WrkRunner.threadsFor(64)).isEqualTo(2);
    }
}
