package io.inferencegateway.embedded;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** The properties of a one-node KRaft broker and controller; Kafka's defaults assume three nodes and fail silently. */
final class KafkaBrokerConfig {

    static final int NODE_ID = 1;
    static final String CONTROLLER_LISTENER = "CONTROLLER";

    private KafkaBrokerConfig() {
    }

    static Map<String, String> singleNode(int port, int controllerPort, Path logDirectory) {
        Map<String, String> p = new HashMap<>();
        p.put("process.roles", "broker,controller");
        p.put("node.id", Integer.toString(NODE_ID));
        p.put("controller.quorum.voters", NODE_ID + "@127.0.0.1:" + controllerPort);
        p.put("listeners", "PLAINTEXT://127.0.0.1:" + port + "," + CONTROLLER_LISTENER + "://127.0.0.1:" + controllerPort);
        p.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
        p.put("controller.listener.names", CONTROLLER_LISTENER);
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT");
        p.put("log.dirs", logDirectory.toString());
        p.put("metadata.log.dir", logDirectory.toString());

        // Internal topics default to replication factor 3: on one node consumer groups would get nothing, with no error,
        // and initTransactions would time out after 60 s.
        p.put("offsets.topic.replication.factor", "1");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        p.put("min.insync.replicas", "1");
        p.put("default.replication.factor", "1");
        // 50 partitions per internal topic only slow the start down.
        p.put("offsets.topic.num.partitions", "1");
        p.put("transaction.state.log.num.partitions", "1");
        p.put("share.coordinator.state.topic.num.partitions", "1");

        // A group's first member need not wait 3 s for others; share groups get their first assignment in about
        // 2 s instead of 6 with a 500 ms heartbeat.
        p.put("group.initial.rebalance.delay.ms", "0");
        p.put("group.share.min.heartbeat.interval.ms", "500");
        p.put("group.share.heartbeat.interval.ms", "500");
        p.put("group.consumer.min.heartbeat.interval.ms", "500");
        p.put("group.consumer.heartbeat.interval.ms", "500");
        // A share group's members still have 45 s to miss heartbeats before their partitions go to the others, but
        // a group may ask for less (share.session.timeout.ms, down to 6 s as classic groups allow): a test that
        // kills a worker then need not wait out the 45 s.
        p.put("group.share.min.session.timeout.ms", "6000");

        // Sized for a laptop beside the rest of the system, not for a broker machine.
        p.put("num.network.threads", "2");
        p.put("num.io.threads", "2");
        p.put("background.threads", "2");
        p.put("num.recovery.threads.per.data.dir", "1");
        p.put("log.cleaner.dedupe.buffer.size", Integer.toString(4 * 1024 * 1024));
        return p;
    }
}
