package io.inferencegateway.gateway.metrics;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * One route's requests as this replica measured them.
 *
 * @param count     requests since start
 * @param p50Millis latency percentiles over the last two minutes (0 when none came)
 * @param maxMillis the longest over the last two minutes
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record RouteStats(String method, String route, int status, long count, double meanMillis, double p50Millis,
                         double p95Millis, double p99Millis, double maxMillis) {
}
