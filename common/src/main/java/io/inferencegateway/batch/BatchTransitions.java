package io.inferencegateway.batch;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * The batch state machine: which status may follow which. Every change goes through
 * {@link BatchRepository#transition}, which refuses an edge not listed here.
 * <pre>
 * validating  -&gt; in_progress | failed | cancelling | expired
 * in_progress -&gt; finalizing  | failed | cancelling | expired
 * finalizing  -&gt; completed   | failed
 * cancelling  -&gt; cancelled   | failed
 * failed, completed, expired, cancelled: terminal
 * </pre>
 * A finalizing batch has every line accounted for, so it is not cancelled or expired any more: it completes.
 */
public final class BatchTransitions {

    private static final Map<BatchState, EnumSet<BatchState>> NEXT = new EnumMap<>(BatchState.class);

    static {
        NEXT.put(BatchState.VALIDATING, EnumSet.of(BatchState.IN_PROGRESS, BatchState.FAILED, BatchState.CANCELLING,
                BatchState.EXPIRED));
        NEXT.put(BatchState.IN_PROGRESS, EnumSet.of(BatchState.FINALIZING, BatchState.FAILED, BatchState.CANCELLING,
                BatchState.EXPIRED));
        NEXT.put(BatchState.FINALIZING, EnumSet.of(BatchState.COMPLETED, BatchState.FAILED));
        NEXT.put(BatchState.CANCELLING, EnumSet.of(BatchState.CANCELLED, BatchState.FAILED));
        for (BatchState state : BatchState.values()) {
            NEXT.putIfAbsent(state, EnumSet.noneOf(BatchState.class));
        }
    }

    private BatchTransitions() {
    }

    public static boolean allowed(BatchState from, BatchState to) {
        return NEXT.get(from).contains(to);
    }

    /** The states that may follow {@code from}; empty for a terminal state. */
    public static Set<BatchState> next(BatchState from) {
        return EnumSet.copyOf(NEXT.get(from));
    }

    /** Every state {@code to} may be entered from. */
    public static Set<BatchState> sources(BatchState to) {
        Set<BatchState> sources = EnumSet.noneOf(BatchState.class);
        NEXT.forEach((from, next) -> {
            if (next.contains(to)) {
                sources.add(from);
            }
        });
        return sources;
    }
}
