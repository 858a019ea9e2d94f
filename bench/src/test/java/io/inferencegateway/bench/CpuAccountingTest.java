package io.inferencegateway.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CpuAccountingTest {

    @Test
    void readsUserAndSystemTimeWithReapedChildrensEvenWhenTheCommandNameHasSpacesAndParentheses() {
        String stat = "4242 (java (gateway) x) S 1 4242 4242 0 -1 4194560 9126 0 0 0 1234 567 89 10 20 0 40 0 "
                + "2918 5368709120 61000 18446744073709551615 1 1 0 0 0 0 0 4096 17630 0 0 0 17 1 0 0 0 0 0";

        assertThat(ProcCpu.processTicks(stat)).isEqualTo(1234 + 567 + 89 + 10);
    }

    @Test
    void machineBusyTimeLeavesOutIdleIoWaitAndSteal() {
        String procStat = """
                cpu  100 20 30 5000 70 4 6 900 0 0
                cpu0 50 10 15 2500 35 2 3 450 0 0
                intr 12345
                """;

        assertThat(ProcCpu.machineBusyTicks(procStat)).isEqualTo(100 + 20 + 30 + 4 + 6);
    }

    @Test
    void thisProcessesCpuTimeGrowsWithTheWorkItDoes() {
        ProcCpu cpu = ProcCpu.forThisMachine();
        long pid = ProcessHandle.current().pid();
        long before = cpu.processNanos(pid).orElseThrow();
        // Burn 200 ms of this thread's own CPU time, however busy the machine is; /proc counts in ticks of 10 ms.
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long threadStart = threads.getCurrentThreadCpuTime();
        while (threads.getCurrentThreadCpuTime() - threadStart < 200_000_000L) {
            Thread.onSpinWait();
        }

        assertThat(cpu.processNanos(pid).orElseThrow() - before).isGreaterThanOrEqualTo(150_000_000L);
        assertThat(cpu.processNanos(Long.MAX_VALUE)).isEmpty();
        assertThat(cpu.machineBusyNanos()).isPresent();
        assertThat(cpu.processors()).isPositive();
    }

    @Test
    void perRequestFiguresDivideEachGroupsCpuTimeByTheRequestsOfTheWindow() {
        CpuSnapshot start = new CpuSnapshot(0, 1_000_000_000L, Map.of(
                "gateway-http", Map.of(10L, 5_000_000_000L),
                "PostgreSQL", Map.of(20L, 1_000_000_000L, 21L, 400_000_000L)));
        Map<String, Map<Long, Long>> later = new LinkedHashMap<>();
        later.put("gateway-http", Map.of(10L, 5_840_000_000L));
        // 21 ended (not seen); 22 started within the window and counts whole.
        later.put("PostgreSQL", Map.of(20L, 1_150_000_000L, 22L, 60_000_000L));
        CpuSnapshot end = new CpuSnapshot(10_000_000_000L, 18_000_000_000L, later);

        CpuUse use = CpuUse.between(start, end, 1_000, 2);

        assertThat(use.microsPerRequest()).containsOnlyKeys("gateway-http", "PostgreSQL");
        assertThat(use.microsPerRequest().get("gateway-http")).isCloseTo(84.0, within(1e-9));
        assertThat(use.microsPerRequest().get("PostgreSQL")).isCloseTo(21.0, within(1e-9));
        assertThat(use.machineMicros()).isCloseTo(1_700.0, within(1e-9));
        assertThat(use.machineBusy()).isCloseTo(0.85, within(1e-9));
    }
}
