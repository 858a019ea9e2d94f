package io.inferencegateway.spi;

/**
 * What {@link BaseCluster#getJobs} returns: either the jobs or an error, never both.
 *
 * @param jobs         the cluster's jobs by status
 * @param errorMessage what went wrong; null on success
 * @param errorCode    the HTTP status that describes the failure (504 for a timeout, 502 or 503 for an
 *                     unreachable status service); null on success
 */
public record GetJobsResponse(Jobs jobs, String errorMessage, Integer errorCode) {

    public GetJobsResponse {
        Outcomes.require("GetJobsResponse", jobs != null, errorMessage, errorCode);
    }

    public static GetJobsResponse ok(Jobs jobs) {
        return new GetJobsResponse(jobs, null, null);
    }

    public static GetJobsResponse error(int errorCode, String errorMessage) {
        return new GetJobsResponse(null, errorMessage, errorCode);
    }

    public boolean isError() {
        return errorCode != null;
    }
}
