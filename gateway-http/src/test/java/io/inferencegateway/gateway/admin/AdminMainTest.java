package io.inferencegateway.gateway.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.inferencegateway.access.ApiKeyHasher;
import io.inferencegateway.access.User;
import io.inferencegateway.config.Environment;
import io.inferencegateway.testing.TestServers;
import io.inferencegateway.gateway.auth.ApiKeyAuthenticator;
import io.inferencegateway.gateway.auth.AuthResult;
import io.inferencegateway.json.Json;
import io.inferencegateway.persistence.ApiKeyRepository;
import io.inferencegateway.persistence.Database;
import io.inferencegateway.persistence.DatabaseSettings;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import picocli.CommandLine;

/** {@code gateway-admin keys ...} against a real, fresh PostgreSQL. */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class AdminMainTest {

    private static final String SECRET = "admin-test-key-hash-secret-0123456789";

    /** Issue 18: stdout holds the key and nothing else, so {@code KEY=$(bin/admin keys create ...)} works. */
    private static final Pattern KEY = Pattern.compile("\\A(igw-\\S+)\\R\\z");
    private static final Pattern ID = Pattern.compile("^Created key ([0-9a-f-]{36}) ", Pattern.MULTILINE);

    private static Environment env;
    private static Database database;
    private static ApiKeyAuthenticator authenticator;

    /** One run of the command: its exit code and what it printed. */
    private record Run(int exitCode, String out, String err) {
    }

    @BeforeAll
    static void start() {
        DatabaseSettings settings = TestServers.freshDatabase();
        env = new Environment(Map.of(Environment.DB_URL, settings.jdbcUrl(), Environment.DB_USER,
                settings.username(), Environment.DB_PASSWORD, settings.password(),
                Environment.KEY_HASH_SECRET, SECRET));
        database = Database.open(settings, "admin-test");
        // No caching, so each check asks the database; keys checked as gateway-http checks them, same secret.
        authenticator = new ApiKeyAuthenticator(new ApiKeyRepository(database.dataSource(), new ApiKeyHasher(SECRET)),
                Duration.ZERO, Duration.ZERO);
    }

    @AfterAll
    static void stop() {
        database.close();
    }

    @Test
    void aCreatedKeyAuthenticatesUntilItIsRevoked() {
        Run created = run("keys", "create", "--user-id", "carol", "--name", "Carol", "--username", "carol@anl.gov",
                "--groups", "g1,g2", "--key-name", "laptop");
        assertThat(created.exitCode()).isEqualTo(0);
        String key = match(KEY, created.out());
        String id = match(ID, created.err());

        AuthResult result = authenticator.authenticate(key);
        assertThat(result).isEqualTo(AuthResult.authenticated(new User("carol", "Carol", "carol@anl.gov",
                List.of("g1", "g2"), "anl.gov", "", "", "api_key")));

        Run listed = run("keys", "list", "--user-id", "carol");
        assertThat(listed.exitCode()).isEqualTo(0);
        // Issue 14: four characters after igw-, no more.
        assertThat(listed.out()).contains(id).contains("laptop").contains(key.substring(0, 8) + " ")
                .doesNotContain(key.substring(0, 9)).contains("never").contains("keyed");

        Run revoked = run("keys", "revoke", id);
        assertThat(revoked.exitCode()).isEqualTo(0);
        assertThat(revoked.out()).contains("Revoked key " + id);
        assertThat(authenticator.authenticate(key)).isInstanceOf(AuthResult.Rejected.class);

        String row = run("keys", "list", "--user-id", "carol").out().lines()
                .filter(line -> line.startsWith(id)).findFirst().orElseThrow();
        assertThat(row.split(" {2,}")[6]).as("revoked at").isNotEqualTo("-");
    }

    @Test
    void revokingAnUnknownOrAlreadyRevokedKeyExitsOne() {
        String id = match(ID, run("keys", "create", "--user-id", "dave").err());
        assertThat(run("keys", "revoke", id).exitCode()).isEqualTo(0);

        Run again = run("keys", "revoke", id);
        assertThat(again.exitCode()).isEqualTo(1);
        assertThat(again.err()).contains("No active key with id " + id);
        assertThat(run("keys", "revoke", "00000000-0000-0000-0000-000000000000").exitCode()).isEqualTo(1);
    }

    @Test
    void expiringKeysShowTheirExpiryAndListingFiltersByUser() {
        run("keys", "create", "--user-id", "erin", "--expires-in-days", "3", "--domain", "lab.example.org");
        run("keys", "create", "--user-id", "frank");

        String erin = run("keys", "list", "--user-id", "erin").out();
        String expiryDay = Instant.now().plus(Duration.ofDays(3)).truncatedTo(ChronoUnit.DAYS).toString()
                .substring(0, 10);
        assertThat(erin).contains("erin").contains(expiryDay).doesNotContain("frank");
        assertThat(erin.lines().count()).as("header and one key").isEqualTo(2);
        assertThat(run("keys", "list").out()).contains("erin").contains("frank");
    }

    @Test
    void issuingAKeyKeepsAKnownUsersDetails() {
        run("keys", "create", "--user-id", "gina", "--name", "Gina", "--username", "gina@anl.gov");
        String key = match(KEY, run("keys", "create", "--user-id", "gina").out());

        User user = ((AuthResult.Authenticated) authenticator.authenticate(key)).user();
        assertThat(user.name()).isEqualTo("Gina");
        assertThat(user.username()).isEqualTo("gina@anl.gov");
    }

    @Test
    void usageErrorsExitTwo() {
        assertThat(run("keys").exitCode()).as("no subcommand").isEqualTo(2);
        assertThat(run("keys", "create").exitCode()).as("no --user-id").isEqualTo(2);
        assertThat(run("keys", "create", "--user-id", "x", "--expires-in-days", "0").exitCode()).isEqualTo(2);
        assertThat(run("keys", "revoke", "not-a-uuid").exitCode()).isEqualTo(2);
        assertThat(run("keys", "frobnicate").exitCode()).isEqualTo(2);

        Run noDatabase = run(new Environment(Map.of()), "keys", "list");
        assertThat(noDatabase.exitCode()).isEqualTo(2);
        assertThat(noDatabase.err()).contains(Environment.DB_URL + " is not set");
    }

    /** Issue 14: every process that issues or checks keys must hash them under the same secret. */
    @Test
    void issuingAKeyNeedsTheGatewaysSecret() {
        Map<String, String> variables = new java.util.HashMap<>(env.variables());
        variables.remove(Environment.KEY_HASH_SECRET);
        Run none = run(new Environment(variables), "keys", "create", "--user-id", "hank");
        assertThat(none.exitCode()).isEqualTo(2);
        assertThat(none.err()).contains("GATEWAY_KEY_HASH_SECRET is not set");
        assertThat(run(new Environment(variables), "keys", "list").exitCode()).as("listing needs no secret")
                .isEqualTo(0);

        assertThat(run("keys", "create", "--user-id", "hank").exitCode()).isEqualTo(0);
        variables.put(Environment.KEY_HASH_SECRET, "another-secret-0123456789abcdef-01234");
        Run other = run(new Environment(variables), "keys", "create", "--user-id", "hank");
        assertThat(other.exitCode()).isEqualTo(3);
        assertThat(other.err()).contains("GATEWAY_KEY_HASH_SECRET is not the secret this database's API keys are "
                + "hashed under");
        assertThat(other.out()).as("no key on stdout").isEmpty();
    }

    /** Issue 18: scripts capture the key alone; the id and the warning to store it go to stderr. */
    @Test
    void createPrintsOnlyTheKeyOnStdout() {
        Run created = run("keys", "create", "--user-id", "ivan", "--expires-in-days", "2");
        assertThat(created.exitCode()).isEqualTo(0);
        String key = match(KEY, created.out());
        assertThat(authenticator.authenticate(key)).isInstanceOf(AuthResult.Authenticated.class);
        assertThat(created.err()).contains("for user ivan").contains("not shown again").doesNotContain(key);
    }

    /** {@code --json}: the key with its id, user and expiry as one JSON object on stdout, nothing on stderr. */
    @Test
    void createWithJsonPrintsTheKeyAndItsDetails() throws Exception {
        Run created = run("keys", "create", "--user-id", "judy", "--key-name", "ci", "--json");
        assertThat(created.exitCode()).isEqualTo(0);
        assertThat(created.err()).isEmpty();
        JsonNode json = Json.MAPPER.readTree(created.out());
        assertThat(json.path("user_id").asText()).isEqualTo("judy");
        assertThat(json.path("name").asText()).isEqualTo("ci");
        assertThat(json.path("expires_at").isNull()).isTrue();
        assertThat(authenticator.authenticate(json.path("key").asText()))
                .isInstanceOf(AuthResult.Authenticated.class);
        assertThat(run("keys", "list", "--user-id", "judy").out()).contains(json.path("id").asText());
    }

    @Test
    void helpDescribesEveryOptionAndTheExitCodes() {
        Run help = run("--help");
        assertThat(help.exitCode()).isEqualTo(0);
        assertThat(help.out()).contains("gateway-admin").contains("keys").contains("GATEWAY_DB_URL")
                .contains("GATEWAY_KEY_HASH_SECRET").contains("1   not found");

        Run create = run("keys", "create", "--help");
        assertThat(create.out()).contains("--user-id=ID").contains("--name=NAME").contains("--username=U")
                .contains("--groups=GROUP[,GROUP...]").contains("--domain=D").contains("--expires-in-days=N")
                .contains("--key-name=NAME").contains("--json").contains("printed once");
        assertThat(run("keys", "list", "--help").out()).contains("--user-id=ID")
                .contains("The key itself is not stored");
        assertThat(run("keys", "revoke", "--help").out()).contains("KEY_ID").contains("Exits 1");
    }

    private static Run run(String... args) {
        return run(env, args);
    }

    private static Run run(Environment environment, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine commandLine = AdminMain.commandLine(environment);
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        int exitCode = commandLine.execute(args);
        return new Run(exitCode, out.toString(), err.toString());
    }

    private static String match(Pattern pattern, String text) {
        Matcher matcher = pattern.matcher(text);
        assertThat(matcher.find()).as("%s in:%n%s", pattern, text).isTrue();
        return matcher.group(1);
    }
}
