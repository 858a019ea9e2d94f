package io.inferencegateway.simulated;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SimulatedBackendCommandTest {

    @Test
    void parsesEveryOptionWithDefaults() {
        SimulatedBackendCommand command = new SimulatedBackendCommand();
        new CommandLine(command).parseArgs("--latency-ms", "5", "--ttft-ms", "7", "--tokens-per-second", "20",
                "--completion-tokens", "9", "--error-rate", "0.5");

        assertThat(command.host).isEqualTo("127.0.0.1");
        assertThat(command.port).isEqualTo(8000);
        assertThat(command.latencyMs).isEqualTo(5);
        assertThat(command.ttftMs).isEqualTo(7);
        assertThat(command.tokensPerSecond).isEqualTo(20);
        assertThat(command.completionTokens).isEqualTo(9);
        assertThat(command.errorRate).isEqualTo(0.5);
        assertThat(command.errorStatus).isEqualTo(500);
        assertThat(command.slots).isZero();
        assertThat(command.maxWaiting).isEqualTo(1000);
        assertThat(command.queueFullStatus).isEqualTo(429);
        assertThat(command.stepSlowdown).isEqualTo(1);
    }

    @Test
    void parsesTheCapacityOptions() {
        SimulatedBackendCommand command = new SimulatedBackendCommand();
        new CommandLine(command).parseArgs("--slots", "16", "--max-waiting", "64", "--queue-full-status", "503",
                "--step-slowdown", "4");

        assertThat(command.slots).isEqualTo(16);
        assertThat(command.maxWaiting).isEqualTo(64);
        assertThat(command.queueFullStatus).isEqualTo(503);
        assertThat(command.stepSlowdown).isEqualTo(4);
    }

    @ParameterizedTest
    @CsvSource({
            "--slots, -1",
            "--max-waiting, -5",
            "--queue-full-status, 500",
            "--step-slowdown, 0.5",
            "--step-slowdown, 32",
    })
    void invalidCapacityOptionsExitWithAnErrorNamingTheOption(String option, String value) {
        StringWriter err = new StringWriter();
        PrintStream originalErr = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            assertThat(new CommandLine(new SimulatedBackendCommand()).setErr(new PrintWriter(err))
                    .execute("--slots", "4", option, value, "--port", "0")).isEqualTo(2);
        } finally {
            System.setErr(originalErr);
        }
        assertThat(captured.toString(StandardCharsets.UTF_8) + err).contains(option);
    }

    @Test
    void aNonNumberIsAUsageError() {
        assertThat(new CommandLine(new SimulatedBackendCommand()).setErr(new PrintWriter(new StringWriter()))
                .execute("--slots", "many")).isEqualTo(2);
    }

    @Test
    void helpListsTheOptions() {
        StringWriter out = new StringWriter();
        CommandLine commandLine = new CommandLine(new SimulatedBackendCommand()).setOut(new PrintWriter(out));

        assertThat(commandLine.execute("--help")).isZero();
        assertThat(out.toString()).contains("--host", "--port", "--latency-ms", "--ttft-ms", "--tokens-per-second",
                "--completion-tokens", "--error-rate", "--slots", "--max-waiting", "--queue-full-status",
                "--step-slowdown", "/metrics");
    }

    @Test
    void settingsErrorsNameTheOption() {
        assertThat(SimulatedBackendCommand.option("config.error_rate")).isEqualTo("--error-rate");
        assertThat(SimulatedBackendCommand.option("config.time_to_first_token_ms")).isEqualTo("--ttft-ms");
        assertThat(SimulatedBackendCommand.option("config.max_waiting")).isEqualTo("--max-waiting");
    }

    @Test
    void invalidSettingsExitWithAnErrorBeforeListening() {
        assertThat(new CommandLine(new SimulatedBackendCommand()).execute("--error-rate", "2", "--port", "0"))
                .isEqualTo(2);
    }
}
