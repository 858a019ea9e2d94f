package io.inferencegateway.gateway.admin;

import io.inferencegateway.access.ApiKeyHasher;
import io.inferencegateway.access.User;
import io.inferencegateway.json.Json;
import io.inferencegateway.persistence.ApiKeyRepository;
import io.inferencegateway.persistence.Database;
import io.inferencegateway.persistence.KeyHashSecret;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code gateway-admin keys create}: issues a key for a user, creating or updating the user. */
@Command(name = "create",
        description = {"Issues a new API key for a user (created if unknown).",
                "Prints the key alone on stdout (KEY=$(bin/admin keys create --user-id alice) captures exactly the "
                        + "key) and its id on stderr; with --json, one JSON object on stdout instead: id, key, "
                        + "user_id, name, expires_at.",
                "The key is printed once: only its hash is stored, so it cannot be shown again.",
                "Needs GATEWAY_KEY_HASH_SECRET, the same as gateway-http's.",
                "The groups and domain are stored with the key and decide which clusters and endpoints it may "
                        + "use; blank details leave a known user's stored name and username unchanged."})
final class CreateKeyCommand implements Callable<Integer> {

    @Mixin
    HelpOption help;

    @Spec
    CommandSpec spec;

    @ParentCommand
    KeysCommand keys;

    @Option(names = "--user-id", required = true, paramLabel = "ID",
            description = "Stable user id, e.g. a Globus identity id or a service name.")
    String userId;

    @Option(names = "--name", paramLabel = "NAME", description = "Display name.")
    String name;

    @Option(names = "--username", paramLabel = "U", description = "Login name, usually someone@domain.")
    String username;

    @Option(names = "--groups", split = ",", paramLabel = "GROUP",
            description = "Comma-separated group ids (Globus group UUIDs) the key's caller belongs to.")
    List<String> groups = new ArrayList<>();

    @Option(names = "--domain", paramLabel = "D",
            description = "Identity-provider domain matched against allowed_domains; default: the part of "
                    + "--username after '@'.")
    String domain;

    @Option(names = "--expires-in-days", paramLabel = "N",
            description = "Days until the key expires (at least 1); default: never.")
    Integer expiresInDays;

    @Option(names = "--key-name", paramLabel = "NAME", description = "A label for the key, shown by 'keys list'.")
    String keyName;

    @Option(names = "--json", description = "Print the key and its details as one JSON object on stdout.")
    boolean json;

    @Override
    public Integer call() {
        if (expiresInDays != null && expiresInDays < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--expires-in-days must be at least 1, was " + expiresInDays);
        }
        if (userId.isBlank()) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--user-id must not be blank");
        }
        User user = new User(userId, name, username, groups.stream().map(String::trim)
                .filter(group -> !group.isEmpty()).toList(),
                domain != null ? domain : User.domainOf(username), "", "", "api_key");
        Instant expiresAt = expiresInDays == null ? null : Instant.now().plus(Duration.ofDays(expiresInDays));
        ApiKeyHasher hasher = keys.admin.keyHasher();
        try (Database database = keys.admin.openDatabase()) {
            // A key hashed under another secret than the gateway's would never authenticate.
            KeyHashSecret.verify(database.dataSource(), hasher);
            ApiKeyRepository.IssuedKey issued = new ApiKeyRepository(database.dataSource(), hasher)
                    .create(user, keyName, expiresAt);
            print(issued, expiresAt);
        }
        return 0;
    }

    private void print(ApiKeyRepository.IssuedKey issued, Instant expiresAt) {
        PrintWriter out = AdminMain.out(spec);
        if (json) {
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("id", issued.id().toString());
            details.put("key", issued.key());
            details.put("user_id", userId);
            details.put("name", keyName);
            details.put("expires_at", expiresAt == null ? null : expiresAt.toString());
            out.println(Json.write(details));
        } else {
            out.println(issued.key());
            spec.commandLine().getErr().println("Created key " + issued.id() + " for user " + userId
                    + ". Store it now: it is not shown again.");
        }
        out.flush();
    }
}
