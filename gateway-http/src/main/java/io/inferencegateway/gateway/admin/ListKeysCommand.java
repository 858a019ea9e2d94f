package io.inferencegateway.gateway.admin;

import io.inferencegateway.persistence.ApiKeyRepository;
import io.inferencegateway.persistence.Database;
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
                + "created, expires, revoked (times in UTC).",
                "Only a key's first characters are shown; the key itself is not stored."})
final class ListKeysCommand implements Callable<Integer> {

    @Mixin
    HelpOption help;

    private static final String ROW = "%-36s  %-24s  %-16s  %-12s  %-20s  %-20s  %s%n";

    @Spec
    CommandSpec spec;

    @ParentCommand
    KeysCommand keys;

    @Option(names = "--user-id", paramLabel = "ID", description = "Only this user's keys.")
    String userId;

    @Override
    public Integer call() {
        List<ApiKeyRepository.KeyInfo> found;
        try (Database database = keys.admin.openDatabase()) {
            found = new ApiKeyRepository(database.dataSource()).list(Optional.ofNullable(userId));
        }
        PrintWriter out = AdminMain.out(spec);
        out.printf(ROW, "ID", "USER", "NAME", "PREFIX", "CREATED", "EXPIRES", "REVOKED");
        for (ApiKeyRepository.KeyInfo key : found) {
            out.printf(ROW, key.id(), key.userId(), key.name(), key.prefix(), time(key.createdAt()),
                    key.expiresAt().map(ListKeysCommand::time).orElse("never"),
                    key.revokedAt().map(ListKeysCommand::time).orElse("-"));
        }
        return 0;
    }

    private static String time(Instant instant) {
        return instant.truncatedTo(ChronoUnit.SECONDS).toString();
    }
}
