package io.inferencegateway.bench;

import java.util.List;

/** The report's memory table: peak RSS during the batch and during uploads, and whether the heap grew with the upload. */
final class MemorySection {

    private MemorySection() {
    }

    static String render(BatchReport report, StackSettings stack) {
        StringBuilder out = new StringBuilder("## Memory\n\n");
        if (report.batchPeakRss().isEmpty() && report.uploads().isEmpty()) {
            String reason = report.skipped() != null ? report.skipped()
                    : report.runs().isEmpty() ? "nothing ran" : report.runs().get(0).problem();
            return out.append("Not measured: ").append(reason).append(".\n").toString();
        }
        return out.append("Peak RSS: the kernel's high-water mark (VmHWM, reset at the start of each phase) and "
                        + "samples every 100 ms. Heap: `jstat -gc` every 100 ms during the upload; after GC: "
                        + "`jcmd GC.run` once it is done. A body held whole would show in the old generation.\n\n")
                .append(table(report, stack).render()).toString();
    }

    static MarkdownTable table(BatchReport report, StackSettings stack) {
        MarkdownTable table = new MarkdownTable("process", "during", "-Xmx", "peak RSS", "peak heap (old gen)",
                "heap after GC", "target");
        String batch = report.runs().isEmpty() || !report.runs().get(0).measured()
                ? "zero-latency batch (not run)"
                : "zero-latency batches of " + Formats.count(report.runs().get(0).lines()) + " lines";
        report.batchPeakRss().forEach((process, rss) -> {
            boolean worker = process.startsWith("worker");
            table.row(process, batch, worker ? stack.workerHeap() : stack.gatewayHeap(), Formats.mebibytes(rss),
                    "—", "—", worker ? Target.atMost("≤ " + Formats.mebibytes(Target.WORKER_PEAK_RSS_BYTES), rss,
                            Target.WORKER_PEAK_RSS_BYTES).render() : "");
        });
        List<UploadMemory> uploads = report.uploads();
        for (int i = 0; i < uploads.size(); i++) {
            UploadMemory upload = uploads.get(i);
            String during = "upload of " + Formats.megabytes(upload.bytes())
                    + (upload.status() / 100 == 2 ? "" : " (answered " + upload.status() + ")")
                    + " in " + Formats.seconds(upload.seconds());
            String target = i == 0 ? "" : heapGrowth(uploads.get(0), upload).render();
            table.row("gateway", during, stack.gatewayHeap(), Formats.mebibytes(upload.peakRssBytes()),
                    Formats.mebibytes(upload.peakHeapBytes()) + " (" + Formats.mebibytes(upload.peakOldBytes()) + ")",
                    Formats.mebibytes(upload.heapAfterGcBytes()), target);
        }
        return table;
    }

    /** The old generation's peak may grow by at most a tenth of the extra bytes uploaded. */
    static Target heapGrowth(UploadMemory small, UploadMemory large) {
        long growth = large.peakOldBytes() - small.peakOldBytes();
        double allowed = Target.HEAP_GROWTH_PER_UPLOADED_BYTE * (large.bytes() - small.bytes());
        return Target.atMost("old gen " + (growth >= 0 ? "+" : "") + Formats.mebibytes(growth) + " vs the "
                + Formats.megabytes(small.bytes()) + " upload, ≤ +" + Formats.mebibytes((long) allowed), growth, allowed);
    }
}
