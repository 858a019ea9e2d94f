package io.inferencegateway.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A JVM's heap as its own tools see it: {@code jstat -gc} every 100 ms during a phase (peak heap in use, peak old
 * generation), and {@code jcmd GC.run} then one jstat line for the live heap after a full collection.
 */
final class HeapSampler implements AutoCloseable {

    private static final Duration FIRST_SAMPLE_TIMEOUT = Duration.ofSeconds(30);

    private final AtomicLong peakUsed = new AtomicLong();
    private final AtomicLong peakOld = new AtomicLong();
    private final CountDownLatch firstSample = new CountDownLatch(1);
    private final Process jstat;
    private final ChildProcesses.Registration registration;
    private final Thread reader;

    private HeapSampler(long pid, ChildProcesses tools) {
        try {
            this.jstat = new ProcessBuilder(JvmFlags.jdkTool("jstat"), "-gc", Long.toString(pid), "100")
                    .redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not run jstat", e);
        }
        this.registration = tools.register(jstat);
        this.reader = Thread.ofPlatform().daemon().name("jstat-" + pid).start(this::read);
    }

    /**
     * Starts jstat and returns once it has printed its first sample: jstat needs a few hundred milliseconds to
     * attach, longer than a 20 MB upload takes, which was then measured as a heap of 0 MiB.
     */
    static HeapSampler start(long pid, ChildProcesses tools) {
        HeapSampler sampler = new HeapSampler(pid, tools);
        try {
            if (!sampler.firstSample.await(FIRST_SAMPLE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                sampler.close();
                throw new IllegalStateException("jstat printed no sample of pid " + pid + " within "
                        + Durations.human(FIRST_SAMPLE_TIMEOUT));
            }
        } catch (InterruptedException e) {
            sampler.close();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for jstat", e);
        }
        return sampler;
    }

    private void read() {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(jstat.getInputStream(),
                StandardCharsets.UTF_8))) {
            JstatGc format = null;
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (JstatGc.isHeader(line)) {
                    format = JstatGc.withHeader(line);
                } else if (format != null && !line.isBlank()) {
                    JstatGc.Sample sample = format.parse(line);
                    peakUsed.accumulateAndGet(sample.usedBytes(), Math::max);
                    peakOld.accumulateAndGet(sample.oldUsedBytes(), Math::max);
                    firstSample.countDown();
                }
            }
        } catch (IOException | IllegalArgumentException e) {
            // jstat was stopped, or printed something else (e.g. the JVM went away): keep what was sampled.
        }
    }

    long peakUsedBytes() {
        return peakUsed.get();
    }

    long peakOldBytes() {
        return peakOld.get();
    }

    /** Stops jstat; the peaks stay readable. */
    @Override
    public void close() {
        registration.close();
        try {
            reader.join(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The heap in use right after a full collection ({@code jcmd <pid> GC.run}), in bytes. */
    static long usedAfterFullGc(long pid, ChildProcesses tools) {
        run(tools, JvmFlags.jdkTool("jcmd"), Long.toString(pid), "GC.run");
        List<String> lines = run(tools, JvmFlags.jdkTool("jstat"), "-gc", Long.toString(pid)).lines()
                .filter(line -> !line.isBlank()).toList();
        if (lines.size() < 2 || !JstatGc.isHeader(lines.get(0))) {
            throw new IllegalStateException("Unexpected jstat output: " + lines);
        }
        return JstatGc.withHeader(lines.get(0)).parse(lines.get(1)).usedBytes();
    }

    private static String run(ChildProcesses tools, String... command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            try (var registered = tools.register(process)) {
                String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                    throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
                }
                return output;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not run " + command[0], e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted", e);
        }
    }
}
