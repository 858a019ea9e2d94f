package io.inferencegateway.worker.schedule;

/**
 * How many batch lines one endpoint takes at once, learned from how its calls end (AIMD, as TCP learns a window):
 * starting at the cap (a backend that keeps up is never held back), or, for a backend that tells its load, at
 * {@link #MEASURED_START} doubling while it keeps up; one more per interval while the budget is in use, and halved, at
 * most once per {@link #COOL_DOWN_NANOS}, when calls are throttled (429), time out, take {@link #inflation} times
 * longer per token than the best seen lately (and {@link #MIN_INFLATION_MILLIS} longer per call), or the backend says
 * requests wait in its queue (then first brought down to what the backend runs at once: its slots). A backend that
 * says how much of its KV cache its requests hold (vLLM's {@code kv_cache_usage_perc}) also says how many fit: the
 * budget never goes beyond that, so its slots are known before batches first fill them. Interactive
 * requests come first: the lines batches may run are the budget less the interactive requests under way and a reserve
 * for new ones, and once interactive traffic has ended the budget climbs back by slow start to where it stood. Not
 * thread-safe: the scheduler's loop owns it.
 */
final class AdaptiveBudget {

    /** The reason of a budget lowered for interactive requests under way: batches yield them their slots. */
    static final String INTERACTIVE_LOAD = "interactive_load";
    static final long COOL_DOWN_NANOS = 1_000_000_000L;
    /** Where a backend that tells its load starts: its slots are learned from below, doubling while it keeps up. */
    static final int MEASURED_START = 4;
    /** How fast the best latency seen is forgotten, per update: so a backend that got slower for good is learned. */
    private static final double BASELINE_DRIFT = 1.002;
    /**
     * How much longer than at the best latency a call must take, on average, before a slower interval counts as
     * queueing: a request queued at a backend waits for a request ahead of it, tens of milliseconds at least, while
     * a backend that answers in a millisecond swings by several times that with the worker's own pauses (and was
     * halved on them, down to one line at a time).
     */
    static final double MIN_INFLATION_MILLIS = 20;

    private final double inflation;
    private final int reserve;
    private double budget;
    /** Where interactive traffic pushed the budget down from, climbed back to by doubling; 0 for none. */
    private double slowStartCeiling;
    private boolean pushedBack;
    private boolean slowStarting;
    private long lastDecreaseNanos = Long.MIN_VALUE / 2;
    private double baselineMillisPerToken = Double.NaN;
    /**
     * The most requests the backend was seen running while others waited, for a backend that tells its load: its
     * slots; 0 until it was seen full.
     */
    private int slotsSeen;
    /**
     * How many requests fit in the backend's KV cache at the size of those it runs now (requests running over the
     * share of the cache they hold), for a backend that tells both; 0 until it ran one. Known from its first
     * reading under load, before it was ever full: so batches never learn its slots by filling them while
     * interactive requests arrive.
     */
    private int slotsFromCache;
    private String reason;

    /**
     * @param inflation how many times the best recent latency per token counts as the backend queueing (e.g. 2)
     * @param reserve   slots kept free for interactive requests while there are any
     * @param initial   the budget to start from: the endpoint's cap
     */
    AdaptiveBudget(double inflation, int reserve, int initial) {
        this.inflation = inflation;
        this.reserve = reserve;
        this.budget = Math.max(1, initial);
    }

    /**
     * One interval's signals from every worker and gateway, and from the backend itself when it tells its load
     * ({@code backendRunning} and {@code backendWaiting} are -1 when it does not).
     */
    record Signals(int calls, int congested, long latencyMillis, long tokens, int succeeded, int running,
                   int interactive, int backendRunning, int backendWaiting, double backendCacheUsage) {

        Signals(int calls, int congested, long latencyMillis, long tokens, int succeeded, int running,
                int interactive) {
            this(calls, congested, latencyMillis, tokens, succeeded, running, interactive, -1, -1, Double.NaN);
        }

        /** These signals with the backend's own reading of requests running and waiting. */
        Signals withBackend(int running, int waiting) {
            return withBackend(running, waiting, Double.NaN);
        }

        /**
         * These signals with the backend's own reading of requests running and waiting, and of the share of its KV
         * cache they hold (NaN when it does not say).
         */
        Signals withBackend(int running, int waiting, double cacheUsage) {
            return new Signals(calls, congested, latencyMillis, tokens, succeeded, this.running, interactive,
                    running, waiting, cacheUsage);
        }
    }

    /**
     * Updates the budget from one interval's signals.
     *
     * @param cap the endpoint's cap now: every live worker's {@code batch_concurrency} together
     * @return the batch lines that may run at once from now on, from 0 to {@code cap}
     */
    int update(long nowNanos, Signals signals, int cap) {
        reason = null;
        if (signals.backendWaiting() > 0) {
            slotsSeen = Math.max(slotsSeen, signals.backendRunning());
        }
        double usage = signals.backendCacheUsage();
        if (signals.backendRunning() > 0 && usage > 0 && usage <= 1) {
            slotsFromCache = Math.max(1, (int) Math.round(signals.backendRunning() / usage));
        }
        boolean inflated = inflated(signals);
        boolean queued = signals.backendWaiting() > 0;
        if (queued && signals.backendRunning() > 0 && budget > signals.backendRunning()) {
            // Every slot of the backend is taken and requests queue: never more than it runs at once.
            budget = signals.backendRunning();
            pushedBack = true;
            lastDecreaseNanos = nowNanos;
            reason = "backend_queue";
        } else if (signals.congested() > 0 || inflated || queued) {
            if (nowNanos - lastDecreaseNanos >= COOL_DOWN_NANOS) {
                // Remember where interactive traffic pushed batches down from, to climb back there quickly.
                slowStartCeiling = signals.interactive() > 0 ? budget : 0;
                pushedBack = true;
                budget = Math.max(1, budget / 2);
                lastDecreaseNanos = nowNanos;
            }
            reason = signals.congested() > 0 ? "backend_pushback" : queued ? "backend_queue" : "backend_latency";
        } else if (signals.running() + signals.interactive() >= budget * 0.75) {
            boolean doubling = budget < slowStartCeiling || (slowStarting && !pushedBack);
            budget = doubling ? Math.min(budget * 2, slowStartCeiling > 0 ? slowStartCeiling : cap) : budget + 1;
        }
        if (!pushedBack && signals.backendRunning() >= 0 && !slowStarting) {
            // A backend that tells its load: learn its slots from below rather than fill its queue at once.
            slowStarting = true;
            budget = Math.min(budget, MEASURED_START);
        } else if (!pushedBack && !slowStarting) {
            // Until the backend first pushes back, batches may use the whole cap, as many workers as there are.
            budget = cap;
        }
        if (signals.backendRunning() >= 0 && signals.backendWaiting() == 0 && slotsFromCache == 0) {
            // What the backend runs is known, and not what it holds: grow at most a quarter beyond what it runs, so a
            // step too far queues a few requests there, not a budget's worth (lines already sent cannot be called
            // back). The slots kept for new interactive requests are free on purpose, not a step too far: beyond
            // what runs as well. (What its cache holds, where it says, is the bound below: no step goes beyond it.)
            int running = signals.backendRunning();
            int kept = signals.interactive() > 0 ? reserveBeside(signals.interactive()) : 0;
            budget = Math.min(budget, Math.max(MEASURED_START, running + kept + Math.max(2, running / 4)));
        }
        if (slotsFromCache > 0) {
            // Beyond what its cache holds, a backend queues: lines sent there wait, and interactive ones behind them.
            budget = Math.min(budget, capacity());
        }
        budget = Math.min(budget, Math.max(1, cap));
        if (budget >= slowStartCeiling) {
            slowStartCeiling = 0;
        }
        int forBatches = forBatches(signals.interactive());
        if (forBatches < (int) budget) {
            reason = INTERACTIVE_LOAD;
        }
        return forBatches;
    }

    /**
     * The lines batches may run beside {@code interactive} requests under way: the budget less those and the
     * reserve for new ones ({@link #reserveBeside}). The scheduler also asks between updates, so that a rise in
     * interactive load takes lines from batches at once.
     */
    int forBatches(int interactive) {
        if (interactive == 0) {
            return (int) budget;
        }
        return Math.max(0, Math.min((int) budget, capacity()) - interactive - reserveBeside(interactive));
    }

    /**
     * The slots kept free for new interactive requests beside {@code interactive} under way: the configured reserve,
     * or the square root of those under way if more. Requests that arrive at random keep about that many more or
     * fewer under way from one moment to the next, and a rise takes a moment to reach the scheduler.
     */
    private int reserveBeside(int interactive) {
        return Math.max(reserve, (int) Math.ceil(Math.sqrt(interactive)));
    }

    /**
     * The batch calls under way that may go on beside {@code interactive} requests: as many as fit beside them and
     * the reserve in what the backend runs at once ({@link #capacity}). The scheduler cuts short the calls beyond, so
     * that interactive requests do not queue behind batch lines; a budget that is low only while it climbs back cuts
     * nothing.
     */
    int keepBeside(int interactive) {
        return Math.max(0, capacity() - interactive - reserveBeside(interactive));
    }

    /**
     * What the backend runs at once, for a backend that tells its load: what its KV cache holds, and never more than
     * it was seen running while others waited; else the budget, or where interactive traffic pushed it down from.
     */
    private int capacity() {
        if (slotsFromCache > 0) {
            return slotsSeen > 0 ? Math.min(slotsSeen, slotsFromCache) : slotsFromCache;
        }
        return slotsSeen > 0 ? slotsSeen : (int) Math.max(budget, slowStartCeiling);
    }

    /** Why the last update gave batches less than the cap, or null. */
    String reason() {
        return reason;
    }

    double budget() {
        return budget;
    }

    private boolean inflated(Signals signals) {
        if (signals.succeeded() == 0) {
            return false;
        }
        double perToken = (double) signals.latencyMillis() / Math.max(1, signals.tokens());
        if (Double.isNaN(baselineMillisPerToken) || perToken < baselineMillisPerToken) {
            baselineMillisPerToken = perToken;
            return false;
        }
        double addedPerCall = (signals.latencyMillis() - baselineMillisPerToken * signals.tokens())
                / signals.succeeded();
        boolean inflated = baselineMillisPerToken > 0 && perToken > baselineMillisPerToken * inflation
                && addedPerCall >= MIN_INFLATION_MILLIS;
        baselineMillisPerToken *= BASELINE_DRIFT;
        return inflated;
    }
}
