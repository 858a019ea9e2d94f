package io.inferencegateway.config;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The environment variables every process reads, in one place so that README, docker-compose and code agree. The
 * settings they make are read by their own types ({@code DatabaseSettings.fromEnvironment}, ...), so this package
 * depends on none of ours.
 * <ul>
 *   <li>{@code GATEWAY_DB_URL}, {@code GATEWAY_DB_USER}, {@code GATEWAY_DB_PASSWORD}, {@code GATEWAY_DB_POOL_SIZE}:
 *       an external PostgreSQL</li>
 *   <li>{@code GATEWAY_KAFKA_BOOTSTRAP_SERVERS}: an external Kafka</li>
 *   <li>{@code GATEWAY_HOST}, {@code GATEWAY_PORT}: where gateway-http listens</li>
 *   <li>{@code GATEWAY_FIXTURES}: a directory with {@code clusters.json} and {@code endpoints.json} to load at start</li>
 *   <li>{@code GATEWAY_DEV_API_KEY}: a development key registered at start ({@code igw-} and 32 or more
 *       characters)</li>
 *   <li>{@code GATEWAY_KEY_HASH_SECRET}: the secret API keys are stored under (HMAC-SHA-256), the same for every
 *       gateway-http and gateway-admin of a deployment</li>
 *   <li>{@code GATEWAY_GLOBUS_CLIENT_ID}, {@code GATEWAY_GLOBUS_CLIENT_SECRET}: the gateway's Globus Auth resource
 *       server; setting the id turns Globus token introspection on</li>
 *   <li>{@code GATEWAY_GLOBUS_AUTH_URL}, {@code GATEWAY_GLOBUS_GROUPS_URL}: Globus Auth and Groups API base URLs</li>
 *   <li>{@code GATEWAY_GLOBUS_ALLOWED_DOMAINS}, {@code GATEWAY_GLOBUS_POLICIES}, {@code GATEWAY_GLOBUS_GROUPS}:
 *       identity-provider domains a caller must have signed in with this session, high-assurance policy ids the
 *       session must satisfy, and Globus groups a caller must be in one of (lists, as FIRST's
 *       {@code AUTHORIZED_IDP_DOMAINS}, {@code GLOBUS_POLICIES} and {@code GLOBUS_GROUPS})</li>
 *   <li>{@code GATEWAY_GLOBUS_GROUPS_PER_IDP}: JSON {@code {"<domain>": "<group>,<group>"}}, groups required of the
 *       callers from that domain (FIRST's {@code AUTHORIZED_GROUPS_PER_IDP})</li>
 *   <li>{@code GATEWAY_GLOBUS_SERVICE_USERNAMES}: JSON list of Globus service-account usernames accepted without a
 *       session identity (FIRST's {@code AUTHORIZED_GLOBUS_SERVICE_USERNAMES})</li>
 *   <li>{@code GATEWAY_BATCH_ROOTS}: ':'-separated directories under which FIRST-style batches may name their input
 *       file and output folder; one with {@code {user}} as a name is each user's own; unset, FIRST-style batch
 *       submission is off</li>
 *   <li>{@code GATEWAY_BATCH_USER_ROOTS}: JSON {@code {"<user id>": "/dir:/dir2"}}, more roots for those users</li>
 *   <li>{@code GATEWAY_BATCH_MAX_ACTIVE}: most unfinished batches per user (default 2, as FIRST; 0 for no limit)</li>
 *   <li>{@code GATEWAY_FILE_STORAGE}: where uploaded and generated file contents live, {@code postgres} (default) or
 *       {@code directory:/some/path}; {@code GATEWAY_FILE_MAX_BYTES}, {@code GATEWAY_FILE_MAX_LINES}: the bounds of
 *       an uploaded batch input (default 200 MB and 50,000 lines, as OpenAI)</li>
 *   <li>{@code GATEWAY_GLOBUS_COMPUTE_...}: the Globus Compute adaptors' own, read by their
 *       {@code GlobusComputeSettings}</li>
 *   <li>{@code GATEWAY_STARTUP_TIMEOUT_SECONDS}: how long a process waits for PostgreSQL and Kafka at start (120)</li>
 * </ul>
 *
 * <p>Any of our variables ({@code GATEWAY_...}) may instead be given as {@code NAME_FILE}, the path of a file that
 * holds the value (Docker and Kubernetes secrets): {@link #system()} reads it, without its trailing line break, when
 * {@code NAME} itself is unset. Setting both is an error, so that nobody wonders which one won. Other programs'
 * {@code *_FILE} variables are left alone.
 */
public record Environment(Map<String, String> variables) {

    public static final String DB_URL = "GATEWAY_DB_URL";
    public static final String DB_USER = "GATEWAY_DB_USER";
    public static final String DB_PASSWORD = "GATEWAY_DB_PASSWORD";
    public static final String DB_POOL_SIZE = "GATEWAY_DB_POOL_SIZE";
    /** gateway-http's database pool when {@code GATEWAY_DB_POOL_SIZE} is unset. */
    public static final int GATEWAY_POOL_SIZE = 16;
    public static final String KAFKA_BOOTSTRAP_SERVERS = "GATEWAY_KAFKA_BOOTSTRAP_SERVERS";
    public static final String HOST = "GATEWAY_HOST";
    public static final String PORT = "GATEWAY_PORT";
    public static final String FIXTURES = "GATEWAY_FIXTURES";
    public static final String DEV_API_KEY = "GATEWAY_DEV_API_KEY";
    public static final String KEY_HASH_SECRET = "GATEWAY_KEY_HASH_SECRET";
    public static final String GLOBUS_CLIENT_ID = "GATEWAY_GLOBUS_CLIENT_ID";
    public static final String GLOBUS_CLIENT_SECRET = "GATEWAY_GLOBUS_CLIENT_SECRET";
    public static final String GLOBUS_AUTH_URL = "GATEWAY_GLOBUS_AUTH_URL";
    public static final String GLOBUS_GROUPS_URL = "GATEWAY_GLOBUS_GROUPS_URL";
    public static final String GLOBUS_ALLOWED_DOMAINS = "GATEWAY_GLOBUS_ALLOWED_DOMAINS";
    public static final String GLOBUS_POLICIES = "GATEWAY_GLOBUS_POLICIES";
    public static final String GLOBUS_GROUPS = "GATEWAY_GLOBUS_GROUPS";
    public static final String GLOBUS_GROUPS_PER_IDP = "GATEWAY_GLOBUS_GROUPS_PER_IDP";
    public static final String GLOBUS_SERVICE_USERNAMES = "GATEWAY_GLOBUS_SERVICE_USERNAMES";
    public static final String BATCH_ROOTS = "GATEWAY_BATCH_ROOTS";
    public static final String BATCH_USER_ROOTS = "GATEWAY_BATCH_USER_ROOTS";
    public static final String BATCH_MAX_ACTIVE = "GATEWAY_BATCH_MAX_ACTIVE";
    public static final String FILE_STORAGE = "GATEWAY_FILE_STORAGE";
    public static final String FILE_MAX_BYTES = "GATEWAY_FILE_MAX_BYTES";
    public static final String FILE_MAX_LINES = "GATEWAY_FILE_MAX_LINES";

    public Environment {
        variables = Map.copyOf(variables);
    }

    /** The suffix of a variable that names a file holding another variable's value. */
    public static final String FILE_SUFFIX = "_FILE";
    /** The prefix of every variable of ours. */
    public static final String PREFIX = "GATEWAY_";

    /** This process's environment, with {@code NAME_FILE} variables read into {@code NAME}. */
    public static Environment system() {
        return new Environment(withFiles(System.getenv()));
    }

    /**
     * {@code variables} plus, for every {@code GATEWAY_..._FILE} whose {@code NAME} is unset, {@code NAME} with the
     * file's content; a file that cannot be read stops start-up with both names.
     */
    public static Map<String, String> withFiles(Map<String, String> variables) {
        Map<String, String> resolved = new java.util.HashMap<>(variables);
        variables.forEach((key, path) -> {
            if (!key.startsWith(PREFIX) || !key.endsWith(FILE_SUFFIX) || path == null || path.isBlank()) {
                return;
            }
            String name = key.substring(0, key.length() - FILE_SUFFIX.length());
            String direct = variables.get(name);
            if (direct != null && !direct.isBlank()) {
                throw new IllegalArgumentException("Both " + name + " and " + key + " are set: keep one");
            }
            try {
                resolved.put(name, java.nio.file.Files.readString(java.nio.file.Path.of(path.strip()))
                        .replaceFirst("\\R\\z", ""));
            } catch (java.io.IOException | RuntimeException e) {
                throw new IllegalArgumentException(key + " names " + path + ", which cannot be read: " + e, e);
            }
        });
        return resolved;
    }

    /** The raw value of a variable (null when unset), for code that takes a lookup function. */
    public String value(String name) {
        return variables.get(name);
    }

    /** A variable's value, empty when unset or blank. */
    public Optional<String> get(String name) {
        String value = variables.get(name);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
    }

    /** A comma-separated variable as trimmed, non-empty items; empty when unset. */
    public List<String> list(String name) {
        return get(name).stream()
                .flatMap(value -> Arrays.stream(value.split(",")))
                .map(String::trim)
                .filter(item -> !item.isEmpty())
                .toList();
    }

    /**
     * A list variable written as FIRST writes its text fields: items separated by commas, semicolons or white space
     * (line breaks included), so an operator's FIRST value carries over unchanged.
     */
    public List<String> words(String name) {
        return get(name).stream()
                .flatMap(value -> Arrays.stream(value.split("[\\s,;]+")))
                .filter(item -> !item.isEmpty())
                .toList();
    }

    public int intValue(String name, int defaultValue) {
        return wholeNumber(variables::get, name, defaultValue);
    }

    /**
     * A whole-number variable read through any lookup (processes pass their own, tests a map); unset or blank gives
     * the default, anything else that is not a whole number stops start-up with the variable's name.
     */
    public static int wholeNumber(Function<String, String> lookup, String name, int defaultValue) {
        String value = lookup.apply(name);
        if (value == null || value.isBlank()) {
            return defaultValue;
        }
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number, was '" + value + "'");
        }
    }
}
