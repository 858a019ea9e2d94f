package io.inferencegateway.simulated;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

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
    }

    @Test
    void helpListsTheOptions() {
        StringWriter out = new StringWriter();
        CommandLine commandLine = new CommandLine(new SimulatedBackendCommand()).setOut(new PrintWriter(out));

        assertThat(commandLine.execute("--help")).isZero();
        assertThat(out.toString()).contains("--host", "--port", "--latency-ms", "--ttft-ms", "--tokens-per-second",
                "--completion-tokens", "--error-rate");
    }

    @Test
    void settingsErrorsNameTheOption() {
        assertThat(SimulatedBackendCommand.option("config.error_rate")).isEqualTo("--error-rate");
        assertThat(SimulatedBackendCommand.option("config.time_to_first_token_ms")).isEqualTo("--ttft-ms");
    }

    @Test
    void invalidSettingsExitWithAnErrorBeforeListening() {
        assertThat(new CommandLine(new SimulatedBackendCommand()).execute("--error-rate", "2", "--port", "0"))
                .isEqualTo(2);
    }
}
