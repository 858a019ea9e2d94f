package io.inferencegateway.gateway.admin;

import io.inferencegateway.persistence.Database;
import io.inferencegateway.persistence.StoredApiKeys;
import java.io.PrintWriter;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code gateway-admin keys list}: the stored keys, never the keys themselves. */
@Command(name = "list",
        description = {"Lists API keys, oldest first, revoked and expired ones included: id, user, name, prefix, "
                + "created, expires, revoked (times in UTC), and how the key is stored.",
                "The key itself is not stored, only its HMAC-SHA-256 under GATEWAY_KEY_HASH_SECRET ('keyed'), and "
                        + "'igw-' with the next four characters of it are shown. 'sha256' marks a key stored before "
                        + "keys were keyed: it is rewritten at its next use."})
final class ListKeysCommand implements Callable<Integer> {

    @Mixin
    HelpOption help;

    private static final String ROW = "%-36s  %-24s  %-16s  %-8s  %-20s  %-20s  %-20s  %s%n";

    @Spec
    CommandSpec spec;

    @ParentCommand
    KeysCommand keys;

    @Option(names = "--user-id", paramLabel = "ID", description = "Only this user's keys.")
    String userId;

    @Override
    public Integer call() {
        List<StoredApiKeys.KeyInfo> found;
        try (Database database = keys.admin.openDatabase()) {
            found = new StoredApiKeys(database.dataSource()).list(Optional.ofNullable(userId));
        }
        PrintWriter out = AdminMain.out(spec);
        out.printf(ROW, "ID", "USER", "NAME", "PREFIX", "CREATED", "EXPIRES", "REVOKED", "STORED");
        for (StoredApiKeys.KeyInfo key : found) {
            out.printf(ROW, key.id(), key.userId(), key.name(), key.prefix(), time(key.createdAt()),
                    key.expiresAt().map(ListKeysCommand::time).orElse("never"),
                    key.revokedAt().map(ListKeysCommand::time).orElse("-"), key.legacyHash() ? "sha256" : "keyed");
        }
        return 0;
    }

    private static String time(Instant instant) {
        return instant.truncatedTo(ChronoUnit.SECONDS).toString();
    }
}
