package io.inferencegateway.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The scheduling benchmark's scenario: one model with limited slots, interactive traffic in waves (a burst that fills
 * the slots by itself, then an idle period at one request a second, repeated), and batch jobs of two users with
 * tight, moderate and relaxed windows, submitted together at the start of the waves.
 *
 * @param slots           the model's slots (vLLM's max_num_seqs)
 * @param stepSlowdown    how much slower each step runs when every slot is busy
 * @param burst           each burst
 * @param idle            each idle period, after its burst
 * @param cycles          bursts (each followed by an idle period)
 * @param burstRate       interactive requests per second during a burst, sent open loop
 * @param idleRate        interactive requests per second in between
 * @param warmup          interactive traffic at the burst rate before the baseline, not measured
 * @param tail            how long batches may run after the last idle period before the scenario gives up on them
 * @param jobs            the batch jobs, in the order they are submitted
 */
record SchedulingPlan(int slots, double stepSlowdown, Duration burst, Duration idle, int cycles, double burstRate,
                      double idleRate, Duration warmup, Duration tail, List<Job> jobs) {

    /** The one model interactive requests and batch lines share. */
    static final String MODEL = "bench-shared";
    /** A batch line's answer alone (non-streaming, all at once), and a stream's first token and pace. */
    static final int LINE_LATENCY_MS = 1_000;
    static final int STREAM_TTFT_MS = 200;
    static final int STREAM_TOKENS_PER_SECOND = 40;
    /** Tokens of an interactive answer: about a second alone, with the first token. */
    static final int STREAM_TOKENS = 32;
    /** Requests that may wait for a slot; more than any scenario queues, so none is refused. */
    static final int MAX_WAITING = 1_000;
    static final String USER_A = "bench-user-a";
    static final String USER_B = "bench-user-b";

    /**
     * One batch job.
     *
     * @param name   its name in the report: tight, moderate, relaxed A, relaxed B
     * @param user   who submits it
     * @param window its completion window, as the API takes it ({@code 2m})
     * @param lines  its requests
     * @param pair   one of the two equal-window jobs of different users whose throughput the fairness index compares
     */
    record Job(String name, String user, String window, int lines, boolean pair) {

        Duration windowDuration() {
            return Duration.ofMinutes(Long.parseLong(window.substring(0, window.length() - 1)));
        }
    }

    /**
     * Sized for this machine (2 cores): 16 slots of about 1 s each (1.5 s when all are busy) serve about 10 lines a
     * second, so a burst of 10 requests a second fills them and an idle period leaves about 9 lines a second to
     * batches. The 1,300 lines need all three idle periods with scheduling on; the windows hold with scheduling on
     * (tight done in the first idle period, moderate in the second, the pair in the third), while submitted
     * latest-deadline first, in submission order the tight job runs last.
     */
    static SchedulingPlan standard() {
        return new SchedulingPlan(16, 1.5, Duration.ofSeconds(20), Duration.ofSeconds(40), 3, 10, 1,
                Duration.ofSeconds(15), Duration.ofSeconds(120), jobs("2m", 250, "4m", 350, "8m", 350));
    }

    /** A smoke run: two shorter cycles, smaller jobs, windows of 1 to 4 minutes. */
    static SchedulingPlan quick() {
        return new SchedulingPlan(16, 1.5, Duration.ofSeconds(8), Duration.ofSeconds(16), 2, 10, 1,
                Duration.ofSeconds(5), Duration.ofSeconds(60), jobs("1m", 60, "2m", 80, "4m", 80));
    }

    /** Submitted latest deadline first: the relaxed pair, then moderate, then tight. */
    private static List<Job> jobs(String tight, int tightLines, String moderate, int moderateLines, String relaxed,
                                  int relaxedLines) {
        return List.of(new Job("relaxed A", USER_A, relaxed, relaxedLines, true),
                new Job("relaxed B", USER_B, relaxed, relaxedLines, true),
                new Job("moderate", USER_B, moderate, moderateLines, false),
                new Job("tight", USER_A, tight, tightLines, false));
    }

    /** A stretch of the waves, in milliseconds from their start. */
    record Phase(long startMillis, long endMillis, boolean burst) {

        boolean contains(double millis) {
            return millis >= startMillis && millis < endMillis;
        }

        long millis() {
            return endMillis - startMillis;
        }
    }

    /** Burst, idle, burst, idle...: {@code cycles} of each. */
    List<Phase> phases() {
        List<Phase> phases = new ArrayList<>();
        long at = 0;
        for (int i = 0; i < cycles; i++) {
            phases.add(new Phase(at, at + burst.toMillis(), true));
            at += burst.toMillis();
            phases.add(new Phase(at, at + idle.toMillis(), false));
            at += idle.toMillis();
        }
        return phases;
    }

    Duration waves() {
        return burst.plus(idle).multipliedBy(cycles);
    }

    /** The simulated backend's command line for the shared model. */
    List<String> backendOptions() {
        return List.of("--slots", "" + slots, "--step-slowdown", Formats.plain(stepSlowdown),
                "--max-waiting", "" + MAX_WAITING, "--latency-ms", "" + LINE_LATENCY_MS,
                "--ttft-ms", "" + STREAM_TTFT_MS, "--tokens-per-second", "" + STREAM_TOKENS_PER_SECOND,
                "--completion-tokens", "" + STREAM_TOKENS);
    }

    /** An interactive request: a streamed chat completion of {@value #STREAM_TOKENS} tokens. */
    static String interactiveBody() {
        return "{\"model\":\"" + MODEL + "\",\"messages\":[{\"role\":\"user\",\"content\":\"Tell me a story.\"}],"
                + "\"max_tokens\":" + STREAM_TOKENS + ",\"stream\":true}";
    }
}
