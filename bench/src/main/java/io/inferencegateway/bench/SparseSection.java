package io.inferencegateway.bench;

import java.util.List;

/** The report's sparse-traffic tables (issue 20): what the gateway adds when it idles between requests. */
final class SparseSection {

    private SparseSection() {
    }

    static String render(SparseReport report) {
        StringBuilder out = new StringBuilder("## Sparse traffic: one request every "
                + Durations.human(SparseBench.INTERVAL) + "\n\n"
                + "Sent at a fixed pace whatever the answers do (an open loop), so the gateway idles between requests "
                + "as under light traffic, and each timed from its due time by the benchmark's JDK client; paths in "
                + "turn, each after an unmeasured run at the same pace. `added` compares with the direct row.\n\n");
        if (!report.plain().isEmpty()) {
            out.append("Non-streaming chat to the zero-latency backend, latency:\n\n")
                    .append(table(report.plain(), "requests", "p50", "p99", Target.SPARSE_ADDED_P50_MS).render());
        }
        if (!report.streaming().isEmpty()) {
            out.append("\nStreamed chat of " + SparseBench.STREAM_TOKENS + " token to the streaming backend (first "
                            + "token after " + BenchModels.STREAM_TTFT_MS + " ms), time to first token:\n\n")
                    .append(table(report.streaming(), "streams", "TTFT p50", "TTFT p99",
                            Target.SPARSE_ADDED_TTFT_MS).render());
        }
        return out.toString();
    }

    /** @param targetMillis the most the gateway may add to the p50 */
    static MarkdownTable table(List<SparseMeasurement> rows, String count, String p50, String p99,
                               double targetMillis) {
        MarkdownTable table = new MarkdownTable("path", count, p50, p99, "errors", "added " + p50, "target");
        SparseMeasurement direct = rows.stream().filter(SparseMeasurement::direct).findFirst().orElse(null);
        for (SparseMeasurement row : rows) {
            OpenLoad.Result r = row.result();
            String median = r.latenciesMillis().isEmpty() ? "—" : Formats.millis(r.percentile(50));
            String tail = r.latenciesMillis().isEmpty() ? "—" : Formats.millis(r.percentile(99));
            if (row.direct() || direct == null || r.latenciesMillis().isEmpty()
                    || direct.result().latenciesMillis().isEmpty()) {
                table.row(row.path(), Formats.count(r.requests()), median, tail, Formats.count(r.errors()), "—", "");
                continue;
            }
            double added = r.percentile(50) - direct.result().percentile(50);
            table.row(row.path(), Formats.count(r.requests()), median, tail, Formats.count(r.errors()),
                    Formats.addedMillis(added), Target.atMost("added p50 ≤ " + Formats.plain(targetMillis) + " ms",
                            added, targetMillis).render());
        }
        return table;
    }
}
