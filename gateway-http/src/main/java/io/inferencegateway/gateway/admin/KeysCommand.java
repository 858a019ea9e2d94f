package io.inferencegateway.gateway.admin;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

/** {@code gateway-admin keys}: the API-key subcommands; on its own it is a usage error. */
@Command(name = "keys",
        description = "Issue, list and revoke API keys (igw-...). Keys are stored hashed; a new key is shown once.",
        subcommands = {CreateKeyCommand.class, ListKeysCommand.class, RevokeKeyCommand.class})
final class KeysCommand {

    @Mixin
    HelpOption help;

    @ParentCommand
    AdminMain admin;
}
