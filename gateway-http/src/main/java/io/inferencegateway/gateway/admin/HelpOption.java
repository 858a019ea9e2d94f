package io.inferencegateway.gateway.admin;

import picocli.CommandLine.Option;

/** The {@code -h/--help} option of every gateway-admin command (no {@code --version}: there is none to print). */
final class HelpOption {

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
    boolean help;
}
