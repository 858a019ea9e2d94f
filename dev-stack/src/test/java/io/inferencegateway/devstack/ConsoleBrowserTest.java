package io.inferencegateway.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import io.inferencegateway.access.ApiKeyHasher;
import io.inferencegateway.access.User;
import io.inferencegateway.gateway.console.ConsoleSettings;
import io.inferencegateway.kafka.KafkaSettings;
import io.inferencegateway.kafka.Topics;
import io.inferencegateway.persistence.ApiKeyRepository;
import io.inferencegateway.worker.BatchWorker;
import io.inferencegateway.worker.config.WorkerSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The web console in a real browser (Debian's Chromium, driven through chromedriver) against the whole system: a
 * user signs in, uploads a file and starts a batch, watches its bar reach 100 % without a reload, cancels another
 * and downloads the output; an operator sees a second worker appear and fall silent. Screenshots of the pages go to
 * {@code target/console-screenshots/}; the browser's console must stay free of errors.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class ConsoleBrowserTest {

    private static final Path SHOTS = Path.of("target", "console-screenshots").toAbsolutePath();
    private static final Duration PATIENCE = Duration.ofSeconds(90);

    private static ChromeDriver browser;
    private static Path downloads;
    private static Path profile;
    private static String userKey;
    private static String operatorKey;

    @BeforeAll
    static void start() throws IOException {
        Files.createDirectories(SHOTS);
        Files.deleteIfExists(SHOTS.resolve("timings.txt"));
        downloads = Files.createTempDirectory("console-downloads");
        profile = Files.createTempDirectory("console-chromium");
        ApiKeyRepository keys = new ApiKeyRepository(TestStack.STACK.gateway().database().dataSource(),
                new ApiKeyHasher(TestStack.HASH_SECRET));
        userKey = keys.create(new User("console-user", "Console User", "console-user@example.org", List.of(),
                "example.org", "", "", "api_key"), "browser test", null).key();
        operatorKey = keys.create(new User("console-operator", "Console Operator", "ops@example.org",
                List.of(ConsoleSettings.DEFAULT_ADMIN_GROUP), "example.org", "", "", "api_key"), "browser test",
                null).key();
        browser = chromium();
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
    }

    private static ChromeDriver chromium() {
        Path binary = Path.of(System.getProperty("console.chromium", "/usr/bin/chromium"));
        Path driver = Path.of(System.getProperty("console.chromedriver", "/usr/bin/chromedriver"));
        assertThat(Files.isExecutable(binary) && Files.isExecutable(driver))
                .as("Chromium and chromedriver at %s and %s: apt-get install chromium chromium-driver (.ci/run does)",
                        binary, driver).isTrue();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(binary.toString());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--user-data-dir=" + profile, "--window-size=1280,900");
        options.setExperimentalOption("prefs", Map.of("download.default_directory", downloads.toString(),
                "download.prompt_for_download", false));
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(driver.toFile())
                .usingAnyFreePort().build();
        return new ChromeDriver(service, options);
    }

    @Test
    void aUserRunsABatchWatchesItFinishCancelsAnotherAndDownloadsTheOutput() throws Exception {
        signIn("/console", userKey);
        Path input = Files.writeString(Files.createTempFile("console-batch", ".jsonl"), input("cli-slow-model", 150));
        Object loadedAt = script("return window.performance.timeOrigin;");

        String first = startBatch(input);
        // Watch the bar from inside the page: every value it shows, so the test knows it moved on its own.
        script("window.__bars = []; setInterval(() => { const bar = document.querySelector('#batch-" + first
                + " progress'); if (bar) window.__bars.push(bar.value + '/' + bar.max); }, 50);");
        Path cancelInput = Files.writeString(Files.createTempFile("console-cancel", ".jsonl"),
                input("cli-slow-model", 2000));
        String second = startBatch(cancelInput);
        click("#batch-" + second + " button", "Cancel");

        wait(PATIENCE).until(driver -> "completed".equals(attribute("#batch-" + first, "data-status")));
        assertThat(attribute("#batch-" + first + " progress", "value")).isEqualTo("150");
        assertThat(attribute("#batch-" + first + " progress", "max")).isEqualTo("150");
        assertThat(text("#batch-" + first)).contains("100 %");
        @SuppressWarnings("unchecked")
        List<String> seen = (List<String>) script("return window.__bars;");
        assertThat(seen).as("the bar between empty and full, pushed while the page stayed open")
                .anySatisfy(value -> assertThat(value).matches("([1-9][0-9]?|1[0-4][0-9])/150"));
        assertThat(script("return window.performance.timeOrigin;")).as("no reload").isEqualTo(loadedAt);

        wait(PATIENCE).until(driver -> "cancelled".equals(attribute("#batch-" + second, "data-status")));
        browser.manage().window().setSize(new Dimension(1280, 1300));
        shot("user-batches");

        click("#batch-" + first + " button", "Download output");
        Path output = downloads.resolve(first + "-output.jsonl");
        wait(Duration.ofSeconds(30)).until(driver -> Files.exists(output) && lines(output) == 150);
        assertThat(Files.readString(output)).contains("\"custom_id\":\"req-0\"");

        browser.manage().window().setSize(new Dimension(390, 844));
        browser.navigate().refresh();
        wait(PATIENCE).until(driver -> driver.findElements(By.cssSelector("#batches tbody tr")).size() >= 2);
        shot("user-phone");
        browser.manage().window().setSize(new Dimension(1280, 900));
        assertNoConsoleErrors();
    }

    @Test
    void anOperatorSeesASecondWorkerAppearAndFallSilent() throws Exception {
        signIn("/console/ops", operatorKey);
        wait(PATIENCE).until(driver -> !driver.findElements(By.cssSelector("#workers tr[data-alive='true']"))
                .isEmpty());
        String id = "console-second-worker";
        try (BatchWorker worker = secondWorker(id)) {
            wait(PATIENCE).until(driver -> "true".equals(attribute("#worker-" + id, "data-alive")));
            assertThat(text("#worker-" + id)).contains("alive");
            wait(PATIENCE).until(driver -> !driver.findElements(By.cssSelector("#endpoints tbody tr")).isEmpty()
                    && !driver.findElements(By.cssSelector("#backlog-chart canvas")).isEmpty());
            browser.manage().window().setSize(new Dimension(1280, 1500));
            shot("operator");
            browser.manage().window().setSize(new Dimension(1280, 900));
        }
        wait(PATIENCE).until(driver -> "false".equals(attribute("#worker-" + id, "data-alive")));
        assertThat(text("#worker-" + id)).contains("silent");

        // A user who is no operator gets the page, but none of its data.
        signIn("/console/ops", userKey);
        wait(PATIENCE).until(driver -> driver.findElement(By.id("ops-error")).getText().contains("operators"));
        assertNoConsoleErrors();
    }

    private static BatchWorker secondWorker(String id) throws IOException {
        Map<String, String> environment = new HashMap<>();
        environment.put(DevStack.BACKEND_URL_VARIABLE, "http://127.0.0.1:" + TestStack.STACK.backend().port());
        environment.put(WorkerSettings.WORKER_ID, id);
        environment.put(WorkerSettings.METRICS_PORT, "0");
        environment.put(WorkerSettings.STATE_DIR, Files.createTempDirectory("console-worker").toString());
        return BatchWorker.start(DevStack.database(TestStack.STACK.postgres(), 4),
                KafkaSettings.of(TestStack.STACK.kafka().bootstrapServers()), Topics.defaults(), environment::get);
    }

    private static void signIn(String page, String key) throws IOException {
        browser.get(TestStack.baseUrl() + page);
        recordPaint(page);
        script("sessionStorage.clear();");
        browser.navigate().refresh();
        WebElement field = wait(PATIENCE).until(ExpectedConditions.visibilityOfElementLocated(By.id("key")));
        field.sendKeys(key);
        browser.findElement(By.cssSelector("#sign-in-form button[type='submit']")).click();
        wait(PATIENCE).until(ExpectedConditions.visibilityOfElementLocated(By.id("app")));
    }

    private static String startBatch(Path input) {
        browser.findElement(By.id("batch-file")).sendKeys(input.toString());
        browser.findElement(By.id("start-batch")).click();
        WebElement status = browser.findElement(By.id("new-batch-status"));
        wait(PATIENCE).until(driver -> status.getText().startsWith("Started batch "));
        return status.getText().replace("Started batch ", "").replace(".", "");
    }

    /**
     * Clicks the button labelled {@code label} inside {@code css}, as a person would. Rows are redrawn as events
     * arrive, so a row found a moment ago may be gone: look again until the click lands.
     */
    private static void click(String css, String label) {
        wait(PATIENCE).ignoring(StaleElementReferenceException.class).until(driver -> {
            for (WebElement button : driver.findElements(By.cssSelector(css))) {
                if (button.getText().equals(label) && button.isEnabled()) {
                    button.click();
                    return true;
                }
            }
            return false;
        });
    }

    /** An attribute read in one step inside the page (rows are redrawn between two WebDriver calls). */
    private static String attribute(String css, String name) {
        return (String) script("const e = document.querySelector(arguments[0]); "
                + "return e ? e.getAttribute(arguments[1]) : null;", css, name);
    }

    private static String text(String css) {
        return (String) script("const e = document.querySelector(arguments[0]); return e ? e.innerText : '';",
                css);
    }

    /** The page's first contentful paint and the bytes it loaded, into the screenshots' folder (for the docs). */
    private static void recordPaint(String page) throws IOException {
        wait(PATIENCE).until(driver -> script("return performance.getEntriesByName('first-contentful-paint')"
                + ".length") instanceof Long count && count > 0);
        Object figures = script("const paint = performance.getEntriesByName('first-contentful-paint')[0];"
                + "const nav = performance.getEntriesByType('navigation')[0];"
                + "const bytes = performance.getEntriesByType('resource').reduce((sum, r) => sum + r.decodedBodySize,"
                + " nav.decodedBodySize);"
                + "return Math.round(paint.startTime) + ' ms first contentful paint, ' + bytes + ' bytes';");
        Files.writeString(SHOTS.resolve("timings.txt"), page + ": " + figures + System.lineSeparator(),
                java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
    }

    private static void assertNoConsoleErrors() {
        List<String> errors = new ArrayList<>();
        for (LogEntry entry : browser.manage().logs().get(LogType.BROWSER)) {
            if (entry.getLevel().intValue() >= Level.SEVERE.intValue()) {
                errors.add(entry.getMessage());
            }
        }
        assertThat(errors).as("errors in the browser's console").isEmpty();
    }

    private static void shot(String name) throws IOException {
        Files.write(SHOTS.resolve(name + ".png"), browser.getScreenshotAs(OutputType.BYTES));
    }

    private static Object script(String code, Object... arguments) {
        return ((JavascriptExecutor) browser).executeScript(code, arguments);
    }

    private static WebDriverWait wait(Duration patience) {
        return new WebDriverWait(browser, patience, Duration.ofMillis(100));
    }

    private static long lines(Path file) {
        try (Stream<String> lines = Files.lines(file)) {
            return lines.count();
        } catch (IOException e) {
            return -1;
        }
    }

    private static String input(String model, int lines) {
        StringBuilder jsonl = new StringBuilder();
        for (int i = 0; i < lines; i++) {
            jsonl.append("{\"custom_id\":\"req-").append(i).append("\",\"method\":\"POST\",")
                    .append("\"url\":\"/v1/chat/completions\",\"body\":{\"model\":\"").append(model)
                    .append("\",\"max_tokens\":4,\"messages\":[{\"role\":\"user\",\"content\":\"Question ")
                    .append(i).append("\"}]}}\n");
        }
        return jsonl.toString();
    }
}
