package io.inferencegateway.bench;

import java.util.Map;

/** The report's streaming table: time to first token and gaps between events, direct and through the gateway. */
final class StreamingSection {

    private StreamingSection() {
    }

    /** @param stats path label to what was seen there; {@link InteractiveBench#DIRECT} is the baseline */
    static String render(Map<String, StreamStats> stats) {
        return "## Streaming: time to first token and gaps between events\n\n"
                + "One stream at a time, paths taking turns; the backend sends its first token after "
                + BenchModels.STREAM_TTFT_MS + " ms, then " + BenchModels.STREAM_TOKENS_PER_SECOND
                + " tokens/s (a gap of " + 1000 / BenchModels.STREAM_TOKENS_PER_SECOND + " ms).\n\n"
                + table(stats).render();
    }

    static MarkdownTable table(Map<String, StreamStats> stats) {
        MarkdownTable table = new MarkdownTable("path", "streams", "TTFT p50", "TTFT p99", "gap p50", "gap p99",
                "added TTFT p50", "added TTFT p99", "target");
        StreamStats direct = stats.get(InteractiveBench.DIRECT);
        stats.forEach((path, s) -> {
            boolean baseline = path.equals(InteractiveBench.DIRECT) || direct == null;
            double addedP50 = baseline ? Double.NaN : s.ttft(50) - direct.ttft(50);
            double addedP99 = baseline ? Double.NaN : s.ttft(99) - direct.ttft(99);
            table.row(path, "" + s.streams(), Formats.millis(s.ttft(50)), Formats.millis(s.ttft(99)),
                    Formats.millis(s.gap(50)), Formats.millis(s.gap(99)),
                    baseline ? "—" : Formats.addedMillis(addedP50), baseline ? "—" : Formats.addedMillis(addedP99),
                    baseline ? "" : Target.atMost("added p50 ≤ " + Formats.plain(Target.ADDED_TTFT_MS) + " ms", addedP50,
                            Target.ADDED_TTFT_MS).render());
        });
        return table;
    }
}
