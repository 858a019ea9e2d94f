package io.inferencegateway.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;

/**
 * CPU time from Linux's {@code /proc}: a whole process's (all its threads, user and system, and the children it has
 * reaped), and the whole machine's busy time. Both come in clock ticks, which {@code getconf CLK_TCK} converts.
 */
final class ProcCpu {

    private static final long DEFAULT_TICKS_PER_SECOND = 100;

    private final long nanosPerTick;
    private final int processors;

    private ProcCpu(long ticksPerSecond, int processors) {
        this.nanosPerTick = TimeUnit.SECONDS.toNanos(1) / ticksPerSecond;
        this.processors = processors;
    }

    /**
     * Reads this machine's tick rate ({@code getconf CLK_TCK}; 100, Linux's usual, if that fails) and counts its
     * processors as {@code /proc/stat} does, which may be more than this JVM is allowed to use.
     */
    static ProcCpu forThisMachine() {
        String procStat = ProcStatus.read(Path.of("/proc/stat"));
        int processors = (int) procStat.lines().filter(line -> line.matches("cpu\\d+ .*")).count();
        return new ProcCpu(ticksPerSecond(), processors > 0 ? processors : Runtime.getRuntime().availableProcessors());
    }

    /** The processors {@link #machineBusyNanos} adds up. */
    int processors() {
        return processors;
    }

    /**
     * CPU time {@code pid} has used since it started, its reaped children's included (PostgreSQL's server reaps its
     * short-lived workers, such as autovacuum's); empty if the process is gone or /proc is missing.
     */
    OptionalLong processNanos(long pid) {
        String stat = ProcStatus.read(Path.of("/proc", Long.toString(pid), "stat"));
        return stat.isEmpty() ? OptionalLong.empty() : OptionalLong.of(processTicks(stat) * nanosPerTick);
    }

    /** Time all the machine's processors spent running anything since boot; empty if /proc/stat cannot be read. */
    OptionalLong machineBusyNanos() {
        String procStat = ProcStatus.read(Path.of("/proc/stat"));
        return procStat.isEmpty() ? OptionalLong.empty() : OptionalLong.of(machineBusyTicks(procStat) * nanosPerTick);
    }

    /**
     * utime + stime + cutime + cstime of a {@code /proc/<pid>/stat} line. Its second field, the command name in
     * parentheses, may hold spaces and parentheses itself, so fields are counted from the last ')'.
     */
    static long processTicks(String stat) {
        String[] after = stat.substring(stat.lastIndexOf(')') + 2).trim().split("\\s+");
        // after[0] is field 3 (state); utime, stime, cutime and cstime are fields 14 to 17.
        return Long.parseLong(after[11]) + Long.parseLong(after[12]) + Long.parseLong(after[13])
                + Long.parseLong(after[14]);
    }

    /**
     * user + nice + system + irq + softirq of the {@code cpu} line of {@code /proc/stat}: neither idle nor waiting
     * for I/O, and not steal (time the hypervisor gave to another machine).
     */
    static long machineBusyTicks(String procStat) {
        for (String line : procStat.split("\n")) {
            if (line.startsWith("cpu ")) {
                String[] fields = line.substring(4).trim().split("\\s+");
                long busy = 0;
                for (int field : new int[] {0, 1, 2, 5, 6}) {
                    busy += Long.parseLong(fields[field]);
                }
                return busy;
            }
        }
        return 0;
    }

    private static long ticksPerSecond() {
        Process getconf = null;
        try {
            getconf = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
            if (getconf.waitFor(10, TimeUnit.SECONDS) && getconf.exitValue() == 0) {
                return Long.parseLong(new String(getconf.getInputStream().readAllBytes(), StandardCharsets.UTF_8)
                        .trim());
            }
        } catch (IOException | NumberFormatException e) {
            // fall through to Linux's usual rate
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            if (getconf != null) {
                getconf.destroyForcibly();
            }
        }
        return DEFAULT_TICKS_PER_SECOND;
    }
}
