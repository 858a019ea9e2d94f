package io.inferencegateway.bench;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Supplier;
import java.util.stream.LongStream;

/**
 * The run's processes by what they are (gateway-http, the backend, PostgreSQL, wrk, ...), so that the CPU time a
 * measurement uses can be split between them. Each group names its processes afresh at every snapshot: wrk and
 * PostgreSQL's connection processes come and go.
 */
final class CpuGroups {

    static final String GATEWAY = "gateway-http";
    static final String BARE_PROXY = "bare proxy";
    /** {@link PortkeyPeer}'s node process. */
    static final String PEER = "Portkey (node)";
    static final String BACKENDS = "backends";
    static final String POSTGRES = "PostgreSQL";
    static final String WRK = "wrk";
    /** This JVM: the Kafka broker, idle during the interactive runs, and the benchmark's own threads. */
    static final String BENCH_JVM = "bench JVM";

    private final ProcCpu cpu;
    private final Map<String, Supplier<LongStream>> groups = new LinkedHashMap<>();

    CpuGroups(ProcCpu cpu) {
        this.cpu = cpu;
    }

    /** Adds a group, in report order. */
    CpuGroups add(String label, Supplier<LongStream> pids) {
        groups.put(label, pids);
        return this;
    }

    /**
     * The CPU time of every process of every group, and of the whole machine, right now; empty when the machine's
     * figure cannot be read (no /proc).
     */
    Optional<CpuSnapshot> snapshot() {
        Map<String, Map<Long, Long>> byGroup = new LinkedHashMap<>();
        groups.forEach((label, pids) -> {
            Map<Long, Long> perProcess = new LinkedHashMap<>();
            pids.get().distinct().forEach(pid -> cpu.processNanos(pid).ifPresent(nanos -> perProcess.put(pid, nanos)));
            byGroup.put(label, perProcess);
        });
        OptionalLong machine = cpu.machineBusyNanos();
        return machine.isEmpty() ? Optional.empty()
                : Optional.of(new CpuSnapshot(System.nanoTime(), machine.getAsLong(), byGroup));
    }

    /** The processors the machine's busy time adds up. */
    int processors() {
        return cpu.processors();
    }

    /** {@code pid} and all its descendants: a server and the processes it forks (PostgreSQL's connections). */
    static LongStream withDescendants(long pid) {
        return ProcessHandle.of(pid).map(process -> LongStream.concat(LongStream.of(pid),
                process.descendants().mapToLong(ProcessHandle::pid))).orElseGet(LongStream::empty);
    }

    /** This JVM's child processes running {@code command} (matched on the executable's file name). */
    static LongStream childrenRunning(String command) {
        return ProcessHandle.current().children()
                .filter(child -> child.info().command()
                        .map(path -> path.equals(command) || path.endsWith("/" + command)).orElse(false))
                .mapToLong(ProcessHandle::pid);
    }
}
