package io.inferencegateway.cli.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ConnectException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The settings igw reads and writes, and how a gateway's error becomes one line. */
class ClientTest {

    @TempDir
    Path dir;

    @Test
    void theConfigFileIsWrittenForItsOwnerOnlyAndTheEnvironmentOverridesIt() throws Exception {
        ConfigFile file = ConfigFile.locate(Map.of("XDG_CONFIG_HOME", dir.toString())::get);
        assertThat(file.path()).isEqualTo(dir.resolve("igw/config"));
        file.write(new ConfigFile.Values("http://gw:8080", "igw-stored"));
        file.write(new ConfigFile.Values("http://gw:8081", "igw-stored-2"));
        assertThat(Files.getPosixFilePermissions(file.path())).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(Files.getPosixFilePermissions(file.path().getParent()))
                .isEqualTo(PosixFilePermissions.fromString("rwx------"));
        assertThat(file.read()).isEqualTo(new ConfigFile.Values("http://gw:8081", "igw-stored-2"));

        ClientConfig stored = ClientConfig.resolve(file, Map.<String, String>of()::get);
        assertThat(stored).isEqualTo(new ClientConfig(URI.create("http://gw:8081"), "igw-stored-2"));
        ClientConfig overridden = ClientConfig.resolve(file, Map.of("IGW_API_KEY", "igw-env")::get);
        assertThat(overridden.apiKey()).isEqualTo("igw-env");
        assertThat(overridden.toString()).doesNotContain("igw-env");
        assertThat(ConfigFile.locate(Map.of("IGW_CONFIG", "/x/y")::get).path()).isEqualTo(Path.of("/x/y"));
    }

    @Test
    void theBaseUrlIsTheGatewaysRootWhateverTheUserTyped() {
        assertThat(ClientConfig.baseUrl("http://h:1/v1/")).isEqualTo(URI.create("http://h:1"));
        assertThat(ClientConfig.baseUrl(" https://gw.example.org/ ")).isEqualTo(URI.create("https://gw.example.org"));
        assertThatThrownBy(() -> ClientConfig.baseUrl("gw.example.org")).hasMessageContaining("not an http://");
    }

    @Test
    void bothErrorShapesBecomeOneLineAndAuthFailuresTheirOwnExitCode() {
        URI uri = URI.create("http://gw/v1/batches/x");
        GatewayException openAi = GatewayException.fromAnswer(404, "{\"error\":{\"message\":\"Batch x does not "
                + "exist.\",\"type\":\"invalid_request_error\",\"param\":null,\"code\":\"batch_not_found\"}}", uri);
        assertThat(openAi.getMessage()).isEqualTo("Batch x does not exist. (HTTP 404, batch_not_found)");
        assertThat(openAi.exitCode()).isEqualTo(ExitCodes.GATEWAY_ERROR);
        GatewayException first = GatewayException.fromAnswer(403, "{\"error\":{\"code\":\"forbidden\",\"message\":"
                + "\"Not allowed.\",\"info\":{}}}", uri);
        assertThat(first.getMessage()).isEqualTo("Not allowed. (HTTP 403, forbidden)");
        assertThat(first.exitCode()).isEqualTo(ExitCodes.AUTH);
        GatewayException proxy = GatewayException.fromAnswer(502, "<html>Bad gateway</html>\n", uri);
        assertThat(proxy.getMessage()).isEqualTo("/v1/batches/x answered HTTP 502: <html>Bad gateway</html>");
        GatewayException network = GatewayException.network(URI.create("http://gw"), new ConnectException());
        assertThat(network.getMessage()).isEqualTo("cannot reach the gateway at http://gw: connection refused");
        assertThat(network.exitCode()).isEqualTo(ExitCodes.NETWORK);
    }
}
