package io.inferencegateway.adaptors.globus;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Tracebacks as FIRST's {@code vllm_inference_function} raises them (its handlers wrap every error in
 * {@code Exception("Unexpected error of type ...: ...\nResponse time: ...")}, so the last line never says what went
 * wrong), read into what a client can act on.
 */
class RemoteFailureTest {

    static final String CONTEXT_LENGTH_MESSAGE = "This model's maximum context length is 8192 tokens. However, you "
            + "requested 9000 tokens (8000 in the messages, 1000 in the completion). Please reduce the length of the "
            + "messages or completion.";
    static final String VLLM_400 = "{\"object\":\"error\",\"message\":\"" + CONTEXT_LENGTH_MESSAGE
            + "\",\"type\":\"BadRequestError\",\"param\":null,\"code\":400}";
    static final String HEADERS = "{'date': 'Mon, 01 Dec 2025 10:00:00 GMT', 'server': 'uvicorn', "
            + "'content-length': '311', 'content-type': 'application/json'}";

    /** FIRST's function after vLLM answered 400: the handler's exception, then the wrapping one. */
    static final String CONTEXT_LENGTH_TRACEBACK = """
            Traceback (most recent call last):
              File "/home/svc/vllm_register_function.py", line 462, in vllm_inference_function
                return handle_non_streaming_request(
                       ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^
              File "/home/svc/vllm_register_function.py", line 195, in handle_non_streaming_request
                raise Exception(error_msg)
            Exception: API request failed with status code: 400
            Response text: %1$s
            Response headers: %2$s

            During handling of the above exception, another exception occurred:

            Traceback (most recent call last):
              File "/home/svc/vllm_register_function.py", line 481, in vllm_inference_function
                raise Exception(error_msg)
            Exception: Unexpected error of type Exception: API request failed with status code: 400
            Response text: %1$s
            Response headers: %2$s
            Response time: 6.48e-05
            """.formatted(VLLM_400, HEADERS);

    static final String KEY_ERROR_TRACEBACK = """
            Traceback (most recent call last):
              File "/home/svc/vllm_register_function.py", line 176, in handle_non_streaming_request
                usage = completion["choices"]
            KeyError: 'choices'

            During handling of the above exception, another exception occurred:

            Traceback (most recent call last):
              File "/home/svc/vllm_register_function.py", line 481, in vllm_inference_function
                raise Exception(error_msg)
            Exception: Unexpected error of type KeyError: 'choices'
            Response time: 0.4312
            """;

    @Test
    void aVllm4xxKeepsItsStatusAndMessage() {
        RemoteFailure failure = RemoteFailure.of(CONTEXT_LENGTH_TRACEBACK);
        assertThat(failure.status()).isEqualTo(400);
        assertThat(failure.message()).isEqualTo(CONTEXT_LENGTH_MESSAGE);
    }

    @Test
    void vllmsNewerErrorObjectIsReadToo() {
        String body = "{\"error\": {\"message\": \"The model `x` does not exist.\", \"type\": \"NotFoundError\", "
                + "\"param\": null, \"code\": 404}}";
        RemoteFailure failure = RemoteFailure.of("Traceback (most recent call last):\n  File \"f.py\", line 1\n"
                + "Exception: API request failed with status code: 404\nResponse text: " + body + "\n"
                + "Response headers: {}\nResponse time: 0.01\n");
        assertThat(failure.status()).isEqualTo(404);
        assertThat(failure.message()).isEqualTo("The model `x` does not exist.");
    }

    @Test
    void aVllmServerErrorIsABadGatewayWithItsText() {
        RemoteFailure failure = RemoteFailure.of("Traceback (most recent call last):\n  File \"f.py\", line 1\n"
                + "Exception: Unexpected error of type Exception: API request failed with status code: 500\n"
                + "Response text: Internal Server Error\nResponse headers: {}\nResponse time: 0.2\n");
        assertThat(failure.status()).isEqualTo(502);
        assertThat(failure.message()).isEqualTo("The model server answered 500: Internal Server Error");
    }

    @Test
    void otherwiseTheLastExceptionIsToldWhole() {
        RemoteFailure failure = RemoteFailure.of(KEY_ERROR_TRACEBACK);
        assertThat(failure.status()).isEqualTo(500);
        assertThat(failure.message()).isEqualTo("Exception: Unexpected error of type KeyError: 'choices'\n"
                + "Response time: 0.4312");
    }

    @Test
    void textWithoutATracebackIsKeptAsItIs() {
        assertThat(RemoteFailure.of("Task failed: worker lost").message()).isEqualTo("Task failed: worker lost");
        assertThat(RemoteFailure.of("  \n").message()).isEqualTo("the remote function failed without a message");
    }

    @Test
    void aVeryLongTextIsCut() {
        RemoteFailure failure = RemoteFailure.of("ValueError: " + "x".repeat(50_000));
        assertThat(failure.message()).hasSizeLessThan(RemoteFailure.MAX_MESSAGE + 10).endsWith("...");
    }
}
