package io.inferencegateway.spi;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.List;

/** Definitions and requests for the SPI's own tests of adaptors. */
final class TestEndpoints {

    private TestEndpoints() {
    }

    static EndpointDefinition definition(Class<? extends BaseEndpoint> type) {
        return new EndpointDefinition(1, "c-f-m", "c", "f", "m", type.getName(), List.of(), List.of(), 0, 0,
                JsonNodeFactory.instance.objectNode());
    }

    static TaskRequest chat() {
        return new TaskRequest("chat/completions", JsonNodeFactory.instance.objectNode().put("model", "m"));
    }

    /** A stream with no events, for answers whose events no test reads. */
    static EventStream emptyStream() {
        return new EventStream() {
            @Override
            public SseEvent next() {
                return null;
            }

            @Override
            public void close() {
            }
        };
    }
}
