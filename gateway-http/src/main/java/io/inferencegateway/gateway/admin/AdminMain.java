package io.inferencegateway.gateway.admin;

import io.inferencegateway.access.ApiKeyHasher;
import io.inferencegateway.config.Environment;
import io.inferencegateway.persistence.Database;
import io.inferencegateway.persistence.DatabaseSettings;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code gateway-admin}: operator commands against the gateway's PostgreSQL, starting with API keys. */
@Command(name = "gateway-admin",
        description = {"Administers the gateway's database: issue, list and revoke API keys.",
                "PostgreSQL is named by GATEWAY_DB_URL, GATEWAY_DB_USER and GATEWAY_DB_PASSWORD; pending schema "
                        + "migrations are applied on connect.",
                "Issuing keys needs GATEWAY_KEY_HASH_SECRET (or GATEWAY_KEY_HASH_SECRET_FILE), the secret the "
                        + "gateway stores keys under: the same as gateway-http's, or the command refuses to run."},
        subcommands = KeysCommand.class,
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:done", "1:not found (keys revoke: no active key with that id)",
                "2:usage error (bad arguments, GATEWAY_DB_URL or GATEWAY_KEY_HASH_SECRET not set)",
                "3:failure (e.g. the database cannot be reached, or holds keys hashed under another secret)"})
public final class AdminMain {

    static final int NOT_FOUND = 1;
    static final int FAILURE = 3;

    private final Environment env;

    @Mixin
    HelpOption help;

    @Spec
    CommandSpec spec;

    AdminMain(Environment env) {
        this.env = env;
    }

    /** The command line for {@code env}: unexpected failures print one line and exit {@value #FAILURE}. */
    public static CommandLine commandLine(Environment env) {
        CommandLine commandLine = new CommandLine(new AdminMain(env));
        commandLine.setExecutionExceptionHandler((failure, failed, parsed) -> {
            failed.getErr().println("gateway-admin: " + failure.getMessage());
            return FAILURE;
        });
        return commandLine;
    }

    /** Opens (and migrates) the database the environment names; a missing URL is a usage error. */
    Database openDatabase() {
        DatabaseSettings settings = DatabaseSettings.fromEnvironment(env, 2)
                .orElseThrow(() -> new CommandLine.ParameterException(spec.commandLine(), Environment.DB_URL
                        + " is not set: name the PostgreSQL to use, e.g. jdbc:postgresql://127.0.0.1:5432/gateway"));
        return Database.open(settings, "gateway-admin");
    }

    /** The secret keys are stored under; unset or too short is a usage error. */
    ApiKeyHasher keyHasher() {
        try {
            return ApiKeyHasher.fromEnvironment(env::value);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage(), e);
        }
    }

    static PrintWriter out(CommandSpec spec) {
        return spec.commandLine().getOut();
    }

    /** Logback reads this before the first logger exists: logs to stderr, whatever else the classpath holds. */
    static final String LOGGING = "admin-logback.xml";

    public static void main(String[] args) {
        if (System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", LOGGING);
        }
        System.exit(commandLine(Environment.system()).execute(args));
    }
}
