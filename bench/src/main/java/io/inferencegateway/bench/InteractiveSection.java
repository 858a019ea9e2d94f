package io.inferencegateway.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The report's interactive table: wrk's figures per path and concurrency, and each gateway route beside direct. */
final class InteractiveSection {

    private InteractiveSection() {
    }

    static String render(List<LoadMeasurement> measurements) {
        return render(measurements, Optional.empty());
    }

    /** @param peerMissing why the peer gateway has no rows, when it could not run */
    static String render(List<LoadMeasurement> measurements, Optional<String> peerMissing) {
        return "## Interactive: non-streaming chat (wrk)\n\n"
                + "Zero-latency backend; `added p50` and `through / direct` compare each row with the direct row of "
                + "the same concurrency. `" + InteractiveBench.BARE_PROXY + "` forwards to the same backend with "
                + "Jetty alone (its core server, without the gateway's Javalin and servlet layers, and the adaptors' "
                + "HTTP client) and none of the gateway's work (no key, validation, routing, accounting or logs): "
                + "the part of the gap the HTTP library alone costs on this machine. `" + PortkeyPeer.LABEL
                + "` is a peer: Portkey's open-source gateway (npm `" + PortkeyPeer.PACKAGE + "`, node, production "
                + "mode) forwarding to the same backend, routed by its `x-portkey-provider` and "
                + "`x-portkey-custom-host` headers.\n\n"
                + table(measurements, peerMissing).render()
                + cpuSection(measurements);
    }

    private static String cpuSection(List<LoadMeasurement> measurements) {
        if (measurements.stream().allMatch(m -> m.cpu().isEmpty())) {
            return "";
        }
        return "\n### Where the CPU went\n\n"
                + "Microseconds of CPU time per request, from `/proc`, over the middle of each run (all threads of each "
                + "process, user and kernel, and the children it reaped). `whole machine` is every processor's busy time, which also counts the "
                + "kernel's network work done for no process in particular; `machine busy` is that time as a share of "
                + "all processors: near 100 % means the machine, not one process, set the throughput.\n\n"
                + cpuTable(measurements).render();
    }

    static MarkdownTable cpuTable(List<LoadMeasurement> measurements) {
        List<String> labels = measurements.stream().flatMap(m -> m.cpu().stream())
                .findFirst().map(use -> List.copyOf(use.microsPerRequest().keySet())).orElse(List.of());
        List<String> header = new ArrayList<>(List.of("path", "c", "requests/s"));
        header.addAll(labels);
        header.addAll(List.of("whole machine", "machine busy"));
        MarkdownTable table = new MarkdownTable(header.toArray(String[]::new));
        for (LoadMeasurement m : measurements) {
            List<String> row = new ArrayList<>(List.of(m.path(), "" + m.connections(),
                    Formats.rate(m.result().requestsPerSecond())));
            m.cpu().ifPresentOrElse(use -> {
                labels.forEach(label -> row.add(Formats.micros(use.microsPerRequest().getOrDefault(label, 0.0))));
                row.add(Formats.micros(use.machineMicros()));
                row.add(Formats.percent(use.machineBusy()));
            }, () -> {
                labels.forEach(label -> row.add("—"));
                row.addAll(List.of("—", "—"));
            });
            table.row(row.toArray(String[]::new));
        }
        return table;
    }

    static MarkdownTable table(List<LoadMeasurement> measurements) {
        return table(measurements, Optional.empty());
    }

    /** @param peerMissing why the peer has no rows: one row says so instead of its figures */
    static MarkdownTable table(List<LoadMeasurement> measurements, Optional<String> peerMissing) {
        MarkdownTable table = new MarkdownTable("path", "c", "requests/s", "p50", "p99", "errors", "added p50",
                "through / direct", "target");
        for (LoadMeasurement m : measurements) {
            WrkResult r = m.result();
            String[] common = {m.path(), "" + m.connections(), Formats.rate(r.requestsPerSecond()),
                    Formats.millis(r.p50Millis()), Formats.millis(r.p99Millis()), Formats.count(r.errors())};
            LoadMeasurement direct = direct(measurements, m.connections());
            if (m.direct() || direct == null) {
                table.row(concat(common, "—", "—", ""));
                continue;
            }
            double added = r.p50Millis() - direct.result().p50Millis();
            double ratio = r.requestsPerSecond() / direct.result().requestsPerSecond();
            table.row(concat(common, Formats.addedMillis(added), Formats.ratio(ratio),
                    m.reference() ? "" : target(m.connections(), added, ratio)));
        }
        peerMissing.ifPresent(reason -> table.row(PortkeyPeer.LABEL, "—", "not measured: " + reason, "—", "—", "—",
                "—", "—", ""));
        return table;
    }

    private static String target(int connections, double addedMillis, double ratio) {
        if (connections == 1) {
            return Target.atMost("added p50 ≤ " + Formats.plain(Target.ADDED_P50_AT_1_MS) + " ms", addedMillis,
                    Target.ADDED_P50_AT_1_MS).render();
        }
        if (connections == 16) {
            return Target.atLeast("≥ " + Formats.ratio(Target.THROUGHPUT_RATIO_AT_16), ratio,
                    Target.THROUGHPUT_RATIO_AT_16).render();
        }
        return "";
    }

    private static LoadMeasurement direct(List<LoadMeasurement> measurements, int connections) {
        return measurements.stream().filter(m -> m.direct() && m.connections() == connections).findFirst().orElse(null);
    }

    private static String[] concat(String[] first, String... rest) {
        String[] all = new String[first.length + rest.length];
        System.arraycopy(first, 0, all, 0, first.length);
        System.arraycopy(rest, 0, all, first.length, rest.length);
        return all;
    }
}
