package io.inferencegateway.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The upload figures compare two phases' heap peaks; a phase shorter than jstat's start-up must still have one. */
class HeapSamplerTest {

    @Test
    void hasAPeakAsSoonAsItHasStarted() {
        long self = ProcessHandle.current().pid();
        try (ChildProcesses tools = new ChildProcesses(); HeapSampler heap = HeapSampler.start(self, tools)) {
            assertThat(heap.peakUsedBytes()).isPositive();
            assertThat(heap.peakOldBytes()).isNotNegative();
        }
    }

    @Test
    void measuresTheLiveHeapAfterAFullCollection() {
        try (ChildProcesses tools = new ChildProcesses()) {
            assertThat(HeapSampler.usedAfterFullGc(ProcessHandle.current().pid(), tools)).isPositive();
        }
    }
}
