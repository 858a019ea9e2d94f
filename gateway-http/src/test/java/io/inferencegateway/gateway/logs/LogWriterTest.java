package io.inferencegateway.gateway.logs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import io.inferencegateway.testing.TestServers;
import io.inferencegateway.persistence.Database;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LogWriterTest {

    private static final Duration DEADLINE = Duration.ofSeconds(30);

    private Database database;
    private LogTables tables;

    @BeforeEach
    void openDatabase() {
        database = Database.open(TestServers.freshDatabase(), "log-writer-test");
        tables = new LogTables(database.dataSource());
    }

    @AfterEach
    void closeDatabase() {
        database.close();
    }

    @Test
    void writesAccessAndRequestRowsAsOffered() {
        AccessLogEntry access = LogSamples.access("user-1");
        AccessLogEntry anonymous = new AccessLogEntry(UUID.randomUUID(), null, LogSamples.T0, null,
                "/resource_server/list-endpoints", "GET", null, 401, "{\"error\":\"Missing credentials\"}");
        RequestLogEntry request = LogSamples.request(access, "Why is the sky blue?", "Rayleigh scattering.");
        RequestLogEntry bare = new RequestLogEntry(UUID.randomUUID(), access.id(), "user-1", "sophia",
                "vllm", "m", "/v1/completions", false, null, null, LogSamples.T0, null, null, null, null, null,
                null, null);

        try (LogWriter writer = LogWriter.start(database.dataSource(), LogSamples.quick(1000, 100))) {
            assertThat(writer.offer(request)).isTrue();
            assertThat(writer.offer(access)).isTrue();
            assertThat(writer.offer(anonymous)).isTrue();
            assertThat(writer.offer(bare)).isTrue();
            await().atMost(DEADLINE).until(() -> writer.writtenCount() == 4);
            assertThat(writer.pendingCount()).isZero();
        }

        assertThat(tables.access(access.id())).contains(access);
        assertThat(tables.access(anonymous.id())).contains(anonymous);
        assertThat(tables.request(request.id())).contains(request);
        assertThat(tables.request(bare.id())).contains(bare);
    }

    @Test
    void cutsPromptAndResultToTheConfiguredLengthAndSaysSo() {
        AccessLogEntry access = LogSamples.access("user-1");
        RequestLogEntry request = LogSamples.request(access, "abcdefghijklmnop", "short");

        try (LogWriter writer = LogWriter.start(database.dataSource(), LogSamples.quick(10, 10)
                .withMaxTextLength(10))) {
            writer.offer(request);
        }

        assertThat(tables.request(request.id()).orElseThrow().prompt())
                .isEqualTo("abcdefghij...<truncated 6 chars>");
        assertThat(tables.request(request.id()).orElseThrow().result()).isEqualTo("short");
    }

    @Test
    void storesNoPromptOrResultWhenTheLengthIsZero() {
        AccessLogEntry access = LogSamples.access("user-1");
        RequestLogEntry request = LogSamples.request(access, "a private prompt", "a private answer");

        try (LogWriter writer = LogWriter.start(database.dataSource(), LogSamples.quick(10, 10)
                .withMaxTextLength(0))) {
            writer.offer(request);
        }

        RequestLogEntry stored = tables.request(request.id()).orElseThrow();
        assertThat(stored.prompt()).isNull();
        assertThat(stored.result()).isNull();
        assertThat(stored).usingRecursiveComparison().ignoringFields("prompt", "result").isEqualTo(request);
    }

    @Test
    void fitsValuesTheDatabaseWouldRefuse() {
        // A client chooses the path and the prompt: neither may make PostgreSQL refuse the row, and so the batch.
        String longPath = "/resource_server/" + "x".repeat(400);
        AccessLogEntry access = new AccessLogEntry(UUID.randomUUID(), "user-1", LogSamples.T0, null, longPath,
                "POST", null, 404, "not found");
        RequestLogEntry request = LogSamples.request(access, "a\0b", "\uD83D\uDE00".repeat(3));

        try (LogWriter writer = LogWriter.start(database.dataSource(), LogSamples.quick(10, 10)
                .withMaxTextLength(3))) {
            writer.offer(access);
            writer.offer(request);
            writer.close();
            assertThat(writer.rejectedCount()).isZero();
        }

        assertThat(tables.access(access.id()).orElseThrow().apiRoute()).isEqualTo(longPath.substring(0, 300));
        RequestLogEntry stored = tables.request(request.id()).orElseThrow();
        // PostgreSQL text cannot hold U+0000, which JSON can.
        assertThat(stored.prompt()).isEqualTo("a\uFFFDb");
        // Three characters would split the second emoji's surrogate pair, so only the first is kept.
        assertThat(stored.result()).isEqualTo("\uD83D\uDE00...<truncated 4 chars>");
    }

    @Test
    void keepsTextThatLooksLikeCopySyntaxAsItWas() {
        // Tabs, newlines, backslashes and \N mean something in COPY's text format; stored values must not care.
        String prompt = "col1\tcol2\nline2\r\n\\N is not null, C:\\path\\ and a trailing backslash \\";
        AccessLogEntry access = new AccessLogEntry(UUID.randomUUID(), "user\t1", LogSamples.T0, LogSamples.T0,
                "/v1/chat/completions", "POST", "\\N", 400, "line one\nline two");
        RequestLogEntry request = LogSamples.request(access, prompt, "\\N");

        try (LogWriter writer = LogWriter.start(database.dataSource(), LogSamples.quick(10, 10))) {
            writer.offer(access);
            writer.offer(request);
            await().atMost(DEADLINE).until(() -> writer.writtenCount() == 2);
        }

        assertThat(tables.access(access.id())).contains(access);
        assertThat(tables.request(request.id())).contains(request);
    }

    @Test
    void keepsTimesNumbersAndTextExactlyAsTheColumnsCanHoldThem() {
        // Before PostgreSQL's epoch (2000-01-01) its timestamps are negative; nanoseconds round to microseconds.
        Instant beforeEpoch = Instant.parse("1999-12-31T23:59:59.999999Z");
        Instant withNanos = Instant.parse("2026-11-27T03:04:05.123456789Z");
        AccessLogEntry access = new AccessLogEntry(UUID.randomUUID(), "ユーザー", beforeEpoch, withNanos,
                "/v1/chat/completions", "POST", "2001:db8::1", Integer.MIN_VALUE, "ошибка ✗");
        RequestLogEntry request = new RequestLogEntry(UUID.randomUUID(), access.id(), "ユーザー", "sophia", "vllm",
                "model/é", "/v1/chat/completions", false, 599, "", withNanos, beforeEpoch, 0.000123456789,
                0, Integer.MAX_VALUE, -1, "", "😀 done");

        try (LogWriter writer = LogWriter.start(database.dataSource(), LogSamples.quick(10, 10))) {
            writer.offer(access);
            writer.offer(request);
            await().atMost(DEADLINE).until(() -> writer.writtenCount() == 2);
        }

        AccessLogEntry storedAccess = tables.access(access.id()).orElseThrow();
        assertThat(storedAccess.timestampRequest()).isEqualTo(beforeEpoch);
        assertThat(storedAccess.timestampResponse()).isEqualTo(Instant.parse("2026-11-27T03:04:05.123457Z"));
        assertThat(storedAccess).usingRecursiveComparison().ignoringFields("timestampResponse").isEqualTo(access);
        RequestLogEntry storedRequest = tables.request(request.id()).orElseThrow();
        assertThat(storedRequest.timestampComputeRequest()).isEqualTo(Instant.parse("2026-11-27T03:04:05.123457Z"));
        assertThat(storedRequest).usingRecursiveComparison().ignoringFields("timestampComputeRequest")
                .isEqualTo(request);
    }

    @Test
    void writesARowOfferedTwiceOnceAndWithoutError() {
        AccessLogEntry access = LogSamples.access("user-1");

        try (LogWriter writer = LogWriter.start(database.dataSource(), LogSamples.quick(10, 10))) {
            writer.offer(access);
            writer.offer(access);
            await().atMost(DEADLINE).until(() -> writer.writtenCount() == 2);
            // Again in a later batch, as a retry after a lost commit acknowledgement would.
            writer.offer(access);
            await().atMost(DEADLINE).until(() -> writer.writtenCount() == 3);
            assertThat(writer.rejectedCount()).isZero();
        }

        assertThat(tables.count("access_logs")).isEqualTo(1);
    }

    @Test
    void aRowTheDatabaseRefusesCostsOnlyItself() {
        tables.execute("ALTER TABLE access_logs ADD CONSTRAINT test_no_599 CHECK (status_code <> 599)");
        List<AccessLogEntry> good = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            good.add(LogSamples.access("user-" + i));
        }
        AccessLogEntry refused = new AccessLogEntry(UUID.randomUUID(), "user-x", LogSamples.T0, null,
                "/x", "GET", null, 599, null);

        try (CapturedLog log = new CapturedLog(LogWriter.class);
             LogWriter writer = LogWriter.start(database.dataSource(), LogSamples.quick(100, 100))) {
            good.subList(0, 5).forEach(writer::offer);
            writer.offer(refused);
            good.subList(5, 10).forEach(writer::offer);
            await().atMost(DEADLINE).until(() -> writer.writtenCount() + writer.rejectedCount() == 11);
            assertThat(writer.rejectedCount()).isEqualTo(1);
            assertThat(writer.pendingCount()).isZero();
            assertThat(log.count(Level.WARN, "refused 1 of")).isEqualTo(1);
            // Row values stay out of the log: for request rows they would be prompts.
            assertThat(log.count(Level.WARN, "user-x")).isZero();
        }

        assertThat(tables.count("access_logs")).isEqualTo(10);
        assertThat(tables.access(refused.id())).isEmpty();
    }

    @Test
    void closeWritesWhatIsBuffered() {
        // A flush interval of an hour: only close() can have written these rows.
        LogSettings slow = new LogSettings(1000, 500, Duration.ofHours(1), 100, Duration.ofMillis(20),
                Duration.ofMillis(200), Duration.ofSeconds(5));
        LogWriter writer = LogWriter.start(database.dataSource(), slow);
        for (int i = 0; i < 123; i++) {
            AccessLogEntry access = LogSamples.access("user-" + i);
            writer.offer(access);
            writer.offer(LogSamples.request(access, "p" + i, "r" + i));
        }

        writer.close();

        assertThat(writer.pendingCount()).isZero();
        assertThat(writer.writtenCount()).isEqualTo(246);
        assertThat(tables.count("access_logs")).isEqualTo(123);
        assertThat(tables.count("request_logs")).isEqualTo(123);
    }

    @Test
    void dropsAndCountsWhatIsOfferedAfterClose() {
        LogWriter writer = LogWriter.start(database.dataSource(), LogSamples.quick(10, 10));
        writer.close();

        assertThat(writer.offer(LogSamples.access("late"))).isFalse();
        assertThat(writer.offer((AccessLogEntry) null)).isFalse();

        assertThat(writer.droppedCount()).isEqualTo(1);
        assertThat(tables.count("access_logs")).isZero();
    }
}
