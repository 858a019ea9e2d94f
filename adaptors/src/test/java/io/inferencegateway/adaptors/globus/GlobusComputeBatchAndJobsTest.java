package io.inferencegateway.adaptors.globus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.inferencegateway.testsupport.globus.FakeGlobusCompute;
import io.inferencegateway.testsupport.globus.FakeTask;
import io.inferencegateway.testsupport.globus.Reply;
import io.inferencegateway.testsupport.globus.Results;
import io.inferencegateway.json.Json;
import io.inferencegateway.spi.BatchLog;
import io.inferencegateway.spi.BatchRequest;
import io.inferencegateway.spi.BatchStatus;
import io.inferencegateway.spi.GetBatchStatusResponse;
import io.inferencegateway.spi.GetJobsResponse;
import io.inferencegateway.spi.JobInfo;
import io.inferencegateway.spi.SubmitBatchResponse;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Native batches and the qstat cluster against the fake services. */
class GlobusComputeBatchAndJobsTest {

    static final String SUMMARY = "{\"results_file\": \"/lus/out/x.results.jsonl\", \"progress_file\": "
            + "\"/lus/out/x.progress.json\", \"total_tokens\": 123, \"num_responses\": 2, \"lines_processed\": 2}";

    private final Harness harness = new Harness();
    private final FakeGlobusCompute fake = harness.fake;

    @AfterEach
    void close() {
        harness.close();
    }

    private static BatchLog log(SubmitBatchResponse submitted) {
        return new BatchLog("b-1", "user-1", "sophia", "vllm", "meta-llama/Llama-3.1-8B-Instruct", "/lus/in.jsonl",
                "/lus/out", submitted.taskIds(), submitted.status(), null, Instant.now());
    }

    @Test
    void batchSubmitsFirstsParametersAndReportsPendingRunningCompleted() {
        fake.onSubmit(Harness.BATCH_FUNCTION, task -> Reply.result(Results.jsonText(SUMMARY)).afterPolls(1_000));
        GlobusComputeEndpoint endpoint = harness.endpoint("");
        assertThat(endpoint.hasBatchEnabled()).isTrue();

        SubmitBatchResponse submitted = endpoint.submitBatch(new BatchRequest("3f1c7a52-2b9b-4c1e-9a57-0d2a1f6c9e11",
                "meta-llama/Llama-3.1-8B-Instruct", "/lus/in.jsonl", "/lus/out"), "alice@anl.gov");

        assertThat(submitted.errorMessage()).isNull();
        assertThat(submitted.status()).isEqualTo(BatchStatus.PENDING);
        FakeTask task = fake.submitted().get(0);
        assertThat(submitted.taskIds()).containsExactly(task.id());
        assertThat(task.endpointId()).isEqualTo(Harness.BATCH_ENDPOINT);
        assertThat(task.functionId()).isEqualTo(Harness.BATCH_FUNCTION);
        assertThat(task.args()).isEqualTo(Json.read("[{\"model_params\": {\"input_file\": \"/lus/in.jsonl\", "
                + "\"model\": \"meta-llama/Llama-3.1-8B-Instruct\", \"output_folder_path\": \"/lus/out\"}, "
                + "\"batch_id\": \"3f1c7a52-2b9b-4c1e-9a57-0d2a1f6c9e11\", \"username\": \"alice@anl.gov\"}]"));
        assertThat(fake.protocolErrors()).isEmpty();

        BatchLog log = log(submitted);
        await().atMost(Duration.ofSeconds(20))
                .until(() -> endpoint.getBatchStatus(log).status(), status -> status == BatchStatus.RUNNING);

        fake.complete(task.id(), Results.jsonText(SUMMARY));
        await().atMost(Duration.ofSeconds(20))
                .until(() -> endpoint.getBatchStatus(log).status(), status -> status == BatchStatus.COMPLETED);
        GetBatchStatusResponse done = endpoint.getBatchStatus(log);
        assertThat(Json.read(done.result()).get("total_tokens").asInt()).isEqualTo(123);
        assertThat(endpoint.getBatchStatus(log).result()).isEqualTo(done.result());
        assertThat(fake.resultReads(task.id())).isEqualTo(1);
    }

    @Test
    void batchWithoutOutputFolderLeavesItOutAndAFailedTaskFailsTheBatch() {
        fake.onSubmit(Harness.BATCH_FUNCTION, task -> Reply.failure("Traceback (most recent call last):\n  File \"b.py\", line 9, in run\n    check()\nRuntimeError: vLLM exited 1\n"));
        GlobusComputeEndpoint endpoint = harness.endpoint("");
        SubmitBatchResponse submitted = endpoint.submitBatch(new BatchRequest("b-2", "m", "/lus/in.jsonl", ""), "bob");
        assertThat(fake.submitted().get(0).modelParams().has("output_folder_path")).isFalse();

        await().atMost(Duration.ofSeconds(20))
                .until(() -> endpoint.getBatchStatus(log(submitted)).status(), status -> status == BatchStatus.FAILED);
        assertThat(endpoint.getBatchStatus(log(submitted)).result()).isEqualTo("RuntimeError: vLLM exited 1");
    }

    @Test
    void batchEndpointOfflineIsRefusedButZeroManagersIsFine() {
        GlobusComputeEndpoint endpoint = harness.endpoint("");
        assertThat(endpoint.submitBatch(new BatchRequest("b-3", "m", "/in", ""), "u").errorMessage()).isNull();

        try (Harness offline = new Harness()) {
            offline.fake.endpoint(Harness.BATCH_ENDPOINT, "offline", null);
            SubmitBatchResponse refused = offline.endpoint("").submitBatch(new BatchRequest("b-4", "m", "/in", ""), "u");
            assertThat(refused.errorCode()).isEqualTo(503);
            assertThat(offline.fake.submitted()).isEmpty();
        }
    }

    @Test
    void withoutBatchUuidsBatchIsOff() {
        try (Harness plain = new Harness()) {
            var config = (com.fasterxml.jackson.databind.node.ObjectNode) Json.read("{\"endpoint_uuid\": \""
                    + Harness.ENDPOINT + "\", \"function_uuid\": \"" + Harness.FUNCTION + "\", \"api_port\": 8000}");
            var endpoint = new GlobusComputeEndpoint(new io.inferencegateway.spi.EndpointDefinition(2, "s", "sophia",
                    "vllm", "m", GlobusComputeEndpoint.class.getName(), java.util.List.of(), java.util.List.of(), 0, 0,
                    config), plain.context());
            assertThat(endpoint.hasBatchEnabled()).isFalse();
            assertThat(endpoint.submitBatch(new BatchRequest("b", "m", "/in", ""), "u").errorCode()).isEqualTo(501);
        }
    }

    static final String QSTAT = """
            {"running": [
               {"Models": "meta-llama/Llama-3.1-8B-Instruct", "Framework": "vllm", "Cluster": "sophia",
                "Model Status": "running", "Job ID": "101", "Host Name": "n1"},
               {"Models": "other/Model-70B", "Framework": "vllm", "Cluster": "sophia", "Model Status": "running"}],
             "queued": [{"Models": "q/Model", "Framework": "vllm", "Cluster": "sophia", "Model Status": "queued"}],
             "others": [{"Models": "s/Model", "Framework": "vllm", "Cluster": "sophia", "Model Status": "starting"}],
             "private-batch-running": [{"Models": "b/Model", "Framework": "vllm", "Cluster": "sophia",
                "Batch ID": "b-1", "Username": "alice"}],
             "private-batch-queued": [],
             "cluster_status": {"free_nodes": 4}}
            """;

    @Test
    void qstatJobsAreMappedAndARunningModelWithoutManagersIsMarkedDisconnectedUnderRunning() {
        fake.endpoint(Harness.ENDPOINT, "online", 0);
        fake.onSubmit(Harness.QSTAT_FUNCTION, task -> Reply.result(Results.jsonText(QSTAT)).afterPolls(1));
        harness.endpoint(""); // serves meta-llama/Llama-3.1-8B-Instruct on sophia through ENDPOINT
        GlobusComputeCluster cluster = harness.cluster();

        GetJobsResponse response = cluster.getJobs();

        assertThat(response.errorMessage()).isNull();
        FakeTask task = fake.submitted().get(0);
        assertThat(task.args()).isEqualTo(Json.read("[]"));
        assertThat(task.endpointId()).isEqualTo(Harness.QSTAT_ENDPOINT);
        var jobs = response.jobs();
        // FIRST keeps a disconnected model under running and marks it (clusters/globus_compute.py get_jobs).
        assertThat(jobs.running()).extracting(JobInfo::models)
                .containsExactly("meta-llama/Llama-3.1-8B-Instruct", "other/Model-70B");
        assertThat(jobs.running().get(0).extra()).containsEntry("Model Status", "disconnected")
                .containsEntry("Job ID", "101");
        assertThat(jobs.running().get(1).extra()).containsEntry("Model Status", "running");
        assertThat(jobs.others()).extracting(JobInfo::models).containsExactly("s/Model");
        assertThat(jobs.statusOf("meta-llama/Llama-3.1-8B-Instruct")).contains("disconnected");
        assertThat(jobs.statusOf("other/Model-70B")).contains("running");
        assertThat(jobs.queued()).hasSize(1);
        assertThat(jobs.privateBatchRunning().get(0).extra()).containsEntry("Batch ID", "b-1");
        assertThat(jobs.clusterStatus()).containsEntry("free_nodes", 4);
        JsonNode written = Json.read(Json.write(jobs));
        assertThat(written.has("private_batch_running")).isTrue();
    }

    @Test
    void qstatEndpointOfflineIsAServerError() {
        fake.endpoint(Harness.QSTAT_ENDPOINT, "offline", null);
        GetJobsResponse response = harness.cluster().getJobs();
        assertThat(response.errorCode()).isEqualTo(500);
        assertThat(response.errorMessage()).contains("offline");
        assertThat(fake.submitted()).isEmpty();
    }
}
