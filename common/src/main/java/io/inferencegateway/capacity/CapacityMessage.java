package io.inferencegateway.capacity;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * A record of the capacity topic, where every process says what load it puts on each endpoint (and a worker that
 * a batch has started) and the batch scheduler says how many batch lines each worker may run: gateways and workers
 * meet there, never calling each other. Small, frequent and short-lived: readers start at the topic's end and keep
 * only the latest of each sender.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
@JsonSubTypes({
    @JsonSubTypes.Type(value = WorkerReport.class, name = "worker"),
    @JsonSubTypes.Type(value = InteractiveReport.class, name = "interactive"),
    @JsonSubTypes.Type(value = BudgetReport.class, name = "budget"),
    @JsonSubTypes.Type(value = BatchStarted.class, name = "batch_started")})
public sealed interface CapacityMessage permits WorkerReport, InteractiveReport, BudgetReport, BatchStarted {

    /** The process that sent it: a worker id, a gateway replica, the scheduler's worker. */
    String sender();

    /** When it was sent, in epoch milliseconds. */
    long atMillis();
}
