package io.inferencegateway.bench;

import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;

/**
 * A whole run's figures and the conditions they were taken in.
 *
 * @param started       when the run began
 * @param machine       cores, memory, JDK, commit
 * @param loadAtStart   1-minute load average before anything started
 * @param loadAtEnd     the same after the last measurement
 * @param options       the options of this run
 * @param stack         each child JVM's heap
 * @param interactive   wrk rows; empty when the part was not run
 * @param streaming     per path; empty when the part was not run
 * @param batch         batch and memory figures
 */
record BenchReport(ZonedDateTime started, MachineInfo machine, String loadAtStart, String loadAtEnd,
                   BenchOptions options, StackSettings stack, List<LoadMeasurement> interactive,
                   Map<String, StreamStats> streaming, BatchReport batch) {
}
