package io.inferencegateway.adaptors.globus;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Results pushed over AMQP, as the SDK's {@code Executor} gets them: each client's tasks go into one task group,
 * submitted with {@code create_queue: true}, and one {@link ResultStream} per client reads the group's queue
 * ({@code queue_prefix} + task group id). While a client's stream is down, its tasks are polled instead.
 */
final class ResultStreams implements SubmitQueue.Grouping, AutoCloseable {

    private final ComputeApi api;
    private final TaskPoller poller;
    private final Optional<Integer> port;
    private final Map<Credentials, ResultStream> streams = new ConcurrentHashMap<>();
    private final Map<Credentials, String> taskGroups = new ConcurrentHashMap<>();
    private final AtomicLong failures = new AtomicLong();
    private volatile boolean closed;

    ResultStreams(ComputeApi api, TaskPoller poller, Optional<Integer> port) {
        this.api = api;
        this.poller = poller;
        this.port = port;
    }

    @Override
    public ComputeApi.SubmitRequest request(Credentials client, Map<String, List<String>> payloadsByFunction) {
        return new ComputeApi.SubmitRequest(payloadsByFunction, taskGroups.get(client), true);
    }

    @Override
    public void submitted(Credentials client, ComputeApi.Submitted submitted) {
        if (submitted.taskGroupId() == null || closed) {
            return;
        }
        String previous = taskGroups.put(client, submitted.taskGroupId());
        if (!submitted.taskGroupId().equals(previous)) {
            ResultStream old = streams.put(client, new ResultStream(api, client, submitted.taskGroupId(), poller,
                    port, failures));
            if (old != null) {
                old.close();
            }
        }
    }

    @Override
    public void failed(Credentials client, ComputeException failure) {
        if (failure.code() == 404) {
            taskGroups.remove(client); // the group is gone (tasks expire after two weeks): the next submit starts one
        }
    }

    /** Whether {@code client}'s results arrive over its queue just now. */
    boolean pushing(Credentials client) {
        ResultStream stream = streams.get(client);
        return stream != null && stream.consuming();
    }

    /** How many clients' results arrive over their queue just now. */
    long consuming() {
        return streams.values().stream().filter(ResultStream::consuming).count();
    }

    /** Times a stream failed (connection refused or lost, a malformed message), over all clients. */
    long failures() {
        return failures.get();
    }

    @Override
    public void close() {
        closed = true;
        streams.values().forEach(ResultStream::close);
    }
}
