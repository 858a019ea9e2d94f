package io.inferencegateway.bench;

import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;

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
 * @param peerMissing   why the peer gateway has no rows, when it could not run here
 * @param streaming     per path; empty when the part was not run
 * @param sparse        the sparse-traffic rows
 * @param batch         batch and memory figures
 */
record BenchReport(ZonedDateTime started, MachineInfo machine, String loadAtStart, String loadAtEnd,
                   BenchOptions options, StackSettings stack, List<LoadMeasurement> interactive,
                   Optional<String> peerMissing, Map<String, StreamStats> streaming, SparseReport sparse,
                   BatchReport batch) {
}
