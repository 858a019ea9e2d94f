package io.inferencegateway.cli.client;

import picocli.CommandLine.Option;

/** What every command that calls the gateway shares: {@code --json}, and the client built from the settings. */
public final class ClientOptions {

    @Option(names = "--json", description = "Print the gateway's JSON answer as it is, for scripts.")
    public boolean json;

    /** A client for the gateway of the config file and environment ({@code igw login}, IGW_BASE_URL, IGW_API_KEY). */
    public GatewayClient client() {
        return new GatewayClient(ClientConfig.resolve(ConfigFile.locate(System::getenv), System::getenv));
    }
}
