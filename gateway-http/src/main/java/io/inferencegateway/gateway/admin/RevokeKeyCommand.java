package io.inferencegateway.gateway.admin;

import io.inferencegateway.persistence.Database;
import io.inferencegateway.persistence.StoredApiKeys;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code gateway-admin keys revoke}: revokes one key by id. */
@Command(name = "revoke",
        description = {"Revokes an API key by its id (see 'keys list'). A running gateway refuses it once its "
                + "cached answer for the key expires (30 s by default).",
                "Exits 1 when no active key has that id (unknown, or already revoked)."})
final class RevokeKeyCommand implements Callable<Integer> {

    @Mixin
    HelpOption help;

    @Spec
    CommandSpec spec;

    @ParentCommand
    KeysCommand keys;

    @Parameters(index = "0", paramLabel = "KEY_ID", description = "The key's id, a UUID.")
    UUID keyId;

    @Override
    public Integer call() {
        try (Database database = keys.admin.openDatabase()) {
            if (!new StoredApiKeys(database.dataSource()).revoke(keyId)) {
                spec.commandLine().getErr().println(
                        "No active key with id " + keyId + " (unknown or already revoked).");
                return AdminMain.NOT_FOUND;
            }
        }
        AdminMain.out(spec).println("Revoked key " + keyId + ".");
        return 0;
    }
}
