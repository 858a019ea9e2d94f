package io.inferencegateway.adaptors.globus;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.inferencegateway.adaptors.ConfigFields;
import io.inferencegateway.spi.AdaptorConfigException;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A {@link GlobusComputeEndpoint}'s fixture {@code config}, with FIRST's field names.
 *
 * @param endpointUuid      the Globus Compute endpoint for interactive tasks ({@code endpoint_uuid})
 * @param functionUuid      the registered inference function ({@code function_uuid})
 * @param apiPort           the vLLM port on the compute node, passed as {@code model_params.api_port}
 * @param batchEndpointUuid the batch endpoint ({@code batch_endpoint_uuid}), or null
 * @param batchFunctionUuid the batch function ({@code batch_function_uuid}), or null
 * @param taskTimeout       how long an interactive call waits for its result ({@code task_timeout_seconds}, 300)
 * @param firstDataTimeout  how long a stream waits for its first chunk ({@code stream_first_data_timeout_seconds},
 *                          30)
 * @param idleTimeout       how long a stream may be silent between chunks ({@code stream_idle_timeout_seconds}, 60)
 */
record GlobusComputeEndpointConfig(String endpointUuid, String functionUuid, int apiPort, String batchEndpointUuid,
                                   String batchFunctionUuid, Duration taskTimeout, Duration firstDataTimeout,
                                   Duration idleTimeout) {

    static final Pattern UUID = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    static GlobusComputeEndpointConfig read(ObjectNode config) {
        ConfigFields fields = new ConfigFields(config, name -> null);
        String batchEndpoint = optionalUuid(fields, "batch_endpoint_uuid");
        String batchFunction = optionalUuid(fields, "batch_function_uuid");
        if ((batchEndpoint == null) != (batchFunction == null)) {
            String missing = batchEndpoint == null ? "batch_endpoint_uuid" : "batch_function_uuid";
            throw new AdaptorConfigException(ConfigFields.path(missing),
                    "missing: batch needs both batch_endpoint_uuid and batch_function_uuid");
        }
        long port = fields.wholeNumber("api_port", -1);
        if (port < 1 || port > 65_535) {
            throw new AdaptorConfigException(ConfigFields.path("api_port"),
                    port == -1 && config.path("api_port").isMissingNode()
                            ? "missing (the vLLM port on the compute node is required)"
                            : "must be a port from 1 to 65535, found " + config.path("api_port"));
        }
        return new GlobusComputeEndpointConfig(uuid(fields, "endpoint_uuid"), uuid(fields, "function_uuid"), (int) port,
                batchEndpoint, batchFunction,
                fields.positiveSeconds("task_timeout_seconds", Duration.ofSeconds(300)),
                fields.positiveSeconds("stream_first_data_timeout_seconds", Duration.ofSeconds(30)),
                fields.positiveSeconds("stream_idle_timeout_seconds", Duration.ofSeconds(60)));
    }

    boolean batchEnabled() {
        return batchEndpointUuid != null;
    }

    static String uuid(ConfigFields fields, String name) {
        String value = fields.requiredString(name);
        if (!UUID.matcher(value).matches()) {
            throw new AdaptorConfigException(ConfigFields.path(name), "must be a UUID, found \"" + value + "\"");
        }
        return value.toLowerCase(Locale.ROOT);
    }

    private static String optionalUuid(ConfigFields fields, String name) {
        return fields.optionalString(name) == null ? null : uuid(fields, name);
    }
}
