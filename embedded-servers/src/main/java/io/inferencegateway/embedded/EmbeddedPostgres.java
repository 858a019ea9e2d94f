package io.inferencegateway.embedded;

import io.zonky.test.db.postgres.embedded.DefaultPostgresBinaryResolver;
import io.zonky.test.db.postgres.embedded.PgBinaryResolver;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real PostgreSQL server (zonky's binaries, run as a child process) whose data and unpacked binaries live in a
 * {@link RunDirectory}; it can be stopped and started again on the same port and data, and close() removes its files.
 *
 * <p>Every connection needs a password (SCRAM-SHA-256, for loopback and local ones alike), made at random for each
 * server: other users of the machine cannot read prompts and key hashes or run {@code COPY ... PROGRAM} as the
 * superuser (issue 14). The gateway's tables belong to {@value #APPLICATION_USER}, a role without superuser rights.
 */
public final class EmbeddedPostgres implements AutoCloseable {

    /** The database created at first start, for the gateway's own tables. */
    public static final String DATABASE = "gateway";
    public static final String SUPERUSER = "postgres";
    /** The role that owns {@value #DATABASE}: what the gateway and the workers connect as. */
    public static final String APPLICATION_USER = "gateway";

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedPostgres.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final RunDirectory run;
    private final Path home;
    private final int port;
    private final PgBinaryResolver binaries;
    private final String superuserPassword = newPassword();
    private final String applicationPassword = newPassword();
    private io.zonky.test.db.postgres.embedded.EmbeddedPostgres server;
    private boolean closed;

    private EmbeddedPostgres(RunDirectory run, int port) {
        this.run = run;
        this.home = run.newSubdirectory("postgres");
        this.port = port;
        // zonky caches unpacked binaries per resolver instance for the whole JVM, wherever they were unpacked; a
        // resolver of our own makes it unpack into this server's directory, which close() may then delete safely.
        this.binaries = new OwnResolver();
    }

    /** Starts a server on a free loopback port. */
    public static EmbeddedPostgres start(RunDirectory run) {
        return start(run, LoopbackPorts.free());
    }

    /** Starts a server on {@code port} and creates the {@value #DATABASE} database, owned by its own role. */
    public static EmbeddedPostgres start(RunDirectory run, int port) {
        EmbeddedPostgres postgres = run.closeBeforeRemoval(new EmbeddedPostgres(run, port));
        try {
            postgres.start();
            PostgresAdmin.createRole(postgres.adminLogin(), APPLICATION_USER, postgres.applicationPassword);
            PostgresAdmin.createDatabase(postgres.adminLogin(), DATABASE, APPLICATION_USER);
            return postgres;
        } catch (RuntimeException e) {
            postgres.close();
            throw e;
        }
    }

    /** Starts the server again after {@link #stop()}, on the same port and data; does nothing if it runs. */
    public synchronized void start() {
        if (closed) {
            throw new IllegalStateException("PostgreSQL on port " + port + " is closed");
        }
        if (server != null) {
            return;
        }
        long started = System.nanoTime();
        // initdb reads the superuser's password from a file; it runs only on the first start, over an empty directory.
        Path passwordFile = Files.exists(dataDirectory().resolve("postgresql.conf")) ? null
                : ownerOnlyFile(home.resolve("superuser-password"), superuserPassword);
        try {
            var builder = io.zonky.test.db.postgres.embedded.EmbeddedPostgres.builder();
            if (passwordFile != null) {
                // zonky passes its "locale" settings to initdb as --name=value, after its own "-A trust", which
                // --auth overrides: pg_hba.conf then asks every local and host connection for a SCRAM password.
                builder.setLocaleConfig("auth", "scram-sha-256")
                        .setLocaleConfig("pwfile", passwordFile.toString());
            }
            server = builder
                    // zonky's readiness check logs in as the superuser.
                    .setConnectConfig("password", superuserPassword)
                    .setPort(port)
                    .setDataDirectory(dataDirectory())
                    .setOverrideWorkingDirectory(home.resolve("binaries").toFile())
                    .setPgBinaryResolver(binaries)
                    // We remove the files ourselves: a stopped server must keep its data for start() again.
                    .setCleanDataDirectory(false)
                    // The run directory's hook stops us before it removes the data directory.
                    .setRegisterShutdownHook(false)
                    .setPGStartupWait(Duration.ofSeconds(60))
                    // Nothing outlives the run: skip fsync, keep commits synchronous so a stopped server lost nothing.
                    .setServerConfig("fsync", "off")
                    .setServerConfig("full_page_writes", "off")
                    .setServerConfig("synchronous_commit", "on")
                    // No Unix socket: it would go to /tmp and outlive a killed JVM. JDBC uses TCP anyway.
                    .setServerConfig("unix_socket_directories", "")
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("PostgreSQL did not start on port " + port, e);
        } finally {
            if (passwordFile != null) {
                FileTrees.deleteRecursively(passwordFile);
            }
        }
        LOG.info("PostgreSQL ready on 127.0.0.1:{} in {} ms (data in {})",
                port, (System.nanoTime() - started) / 1_000_000, dataDirectory());
    }

    /** Stops the server (fast shutdown: open sessions end, committed data stays). */
    public synchronized void stop() {
        if (server == null) {
            return;
        }
        try {
            server.close();
        } catch (IOException e) {
            throw new UncheckedIOException("PostgreSQL on port " + port + " did not stop cleanly", e);
        } finally {
            server = null;
        }
    }

    public synchronized boolean isRunning() {
        return server != null;
    }

    public int port() {
        return port;
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    /** Settings for the {@value #DATABASE} database, as its owner {@value #APPLICATION_USER}. */
    public PostgresLogin login() {
        return new PostgresLogin(jdbcUrl(DATABASE), APPLICATION_USER, applicationPassword);
    }

    /** Settings for the maintenance database {@code postgres}, as the superuser: for CREATE DATABASE and the like. */
    public PostgresLogin adminLogin() {
        return new PostgresLogin(jdbcUrl("postgres"), SUPERUSER, superuserPassword);
    }

    /** Where this server's data, and the binaries it runs, are. */
    public Path directory() {
        return home;
    }

    /**
     * The server's main process (the postmaster), which PostgreSQL names on the first line of
     * {@code postmaster.pid}; every connection's backend process is one of its children. Empty when it is not running.
     */
    public OptionalLong serverPid() {
        if (!isRunning()) {
            return OptionalLong.empty();
        }
        try {
            long pid = Long.parseLong(Files.readAllLines(dataDirectory().resolve("postmaster.pid")).getFirst().trim());
            // A server that died leaves its file behind, naming a process that may since be someone else.
            return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).isPresent() ? OptionalLong.of(pid)
                    : OptionalLong.empty();
        } catch (IOException | RuntimeException e) {
            return OptionalLong.empty();
        }
    }

    /** Stops the server and removes its data and binaries. */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        try {
            stop();
        } finally {
            run.release(this);
            FileTrees.deleteRecursively(home);
        }
    }

    private Path dataDirectory() {
        return home.resolve("data");
    }

    /** 192 random bits, base64url: letters, digits, '-' and '_', so it needs no quoting anywhere. */
    private static String newPassword() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static Path ownerOnlyFile(Path path, String content) {
        try {
            Files.createFile(path, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            return Files.writeString(path, content + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + path, e);
        }
    }

    /** The default resolver under an identity of its own (see the constructor). */
    private static final class OwnResolver implements PgBinaryResolver {
        @Override
        public InputStream getPgBinary(String system, String machineHardware) throws IOException {
            return DefaultPostgresBinaryResolver.INSTANCE.getPgBinary(system, machineHardware);
        }
    }
}
