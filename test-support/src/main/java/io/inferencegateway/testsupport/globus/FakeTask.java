package io.inferencegateway.testsupport.globus;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A task the fake received: what was submitted, decoded as an endpoint would decode it, and its state.
 *
 * @param id         the task UUID the fake issued
 * @param endpointId the endpoint in the submit path
 * @param functionId the function the payload was filed under
 * @param payload    the packed payload exactly as sent
 * @param args       the positional arguments ({@code 11} buffer one, a JSON array)
 * @param kwargs     the keyword arguments ({@code 11} buffer two, a JSON object)
 */
public record FakeTask(String id, String endpointId, String functionId, String payload, JsonNode args,
                       JsonNode kwargs) {

    /** The first positional argument, FIRST's {@code data}. */
    public JsonNode data() {
        return args.path(0);
    }

    /** {@code data.model_params}. */
    public JsonNode modelParams() {
        return data().path("model_params");
    }
}
