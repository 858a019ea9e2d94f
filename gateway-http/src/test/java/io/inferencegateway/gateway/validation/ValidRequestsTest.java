package io.inferencegateway.gateway.validation;

import static io.inferencegateway.validation.InferenceRoute.CHAT_COMPLETIONS;
import static io.inferencegateway.validation.InferenceRoute.COMPLETIONS;
import static io.inferencegateway.validation.InferenceRoute.EMBEDDINGS;
import static io.inferencegateway.validation.InferenceRoute.MESSAGES;
import static io.inferencegateway.validation.InferenceRoute.RESPONSES;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.inferencegateway.json.Json;
import io.inferencegateway.validation.InferenceRoute;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Realistic requests, as the OpenAI Python SDK, LangChain, curl users and vLLM users send them, are accepted and
 * come back unchanged: the same tree, writing back to the same bytes, with nothing added.
 */
@Timeout(60)
class ValidRequestsTest {

    @ParameterizedTest(name = "{0}")
    @MethodSource("requests")
    void isAcceptedUnchanged(String name, InferenceRoute route, String body) {
        byte[] bytes = Bodies.utf8(body);

        ObjectNode parsed = Bodies.PARSER.parse(route, Bodies.JSON, bytes);

        assertThat(parsed).isEqualTo(Json.read(body));
        assertThat(Json.writeBytes(parsed)).isEqualTo(Json.writeBytes(Json.read(body)));
        assertThat(parsed.size()).isEqualTo(Json.read(body).size());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "application/json", "application/json; charset=utf-8", "Application/JSON;charset=UTF-8",
        "application/json; charset=\"utf-8\"", "application/json;charset=utf8"})
    void acceptsJsonContentTypes(String contentType) {
        String body = Bodies.chat("");
        assertThat(Bodies.PARSER.parse(CHAT_COMPLETIONS, contentType, Bodies.utf8(body))).isEqualTo(Json.read(body));
        assertThat(Bodies.PARSER.parse(CHAT_COMPLETIONS, null, Bodies.utf8(body))).isEqualTo(Json.read(body));
    }

    @ParameterizedTest
    @MethodSource("routes")
    void routesAreNamedByTheirOpenAiEndpoint(InferenceRoute route) {
        assertThat(InferenceRoute.of(route.openaiEndpoint())).contains(route);
        assertThat(InferenceRoute.of("/v1/" + route.openaiEndpoint())).isEmpty();
    }

    static Stream<InferenceRoute> routes() {
        return Arrays.stream(InferenceRoute.values());
    }

    static Stream<Arguments> requests() {
        return Stream.of(
                Arguments.of("python sdk: chat with tools", CHAT_COMPLETIONS, """
                        {"messages": [{"role": "system", "content": "You are a helpful assistant."},
                          {"role": "user", "content": "What's the weather like in Paris today?"}],
                         "model": "meta-llama/Llama-3.3-70B-Instruct", "tool_choice": "required",
                         "tools": [{"type": "function", "function": {"name": "get_weather",
                           "description": "Get current temperature for a given location.",
                           "parameters": {"type": "object", "properties": {"location": {"type": "string"}},
                             "required": ["location"], "additionalProperties": false}, "strict": true}}],
                         "parallel_tool_calls": false, "temperature": 0, "top_p": 1, "max_tokens": 512}"""),
                Arguments.of("python sdk: tool results and a named tool choice", CHAT_COMPLETIONS, """
                        {"messages": [{"role": "user", "content": "Weather in Paris?"},
                          {"role": "assistant", "content": null, "tool_calls": [{"id": "call_abc123",
                            "type": "function", "function": {"name": "get_weather",
                            "arguments": "{\\"location\\": \\"Paris\\"}"}}]},
                          {"role": "tool", "tool_call_id": "call_abc123", "content": "14°C and sunny"}],
                         "model": "gpt-4o", "tool_choice": {"type": "function", "function": {"name": "get_weather"}},
                         "tools": [{"type": "function", "function": {"name": "get_weather"}}]}"""),
                Arguments.of("python sdk: images, audio, files", CHAT_COMPLETIONS, """
                        {"messages": [{"role": "developer", "content": [{"type": "text", "text": "Be brief."}]},
                          {"role": "user", "name": "alice", "content": [
                            {"type": "text", "text": "Describe these."},
                            {"type": "image_url", "image_url": {"url": "https://example.com/cat.jpg", "detail": "low"}},
                            {"type": "image_url", "image_url": {"url": "data:image/jpeg;base64,/9j/4AAQSkZJRgAB"}},
                            {"type": "input_audio", "input_audio": {"data": "UklGRiQAAABXQVZF", "format": "wav"}},
                            {"type": "file", "file": {"filename": "a.pdf", "file_data": "data:application/pdf;base64,JVBE"}}]}],
                         "model": "gpt-4o", "max_completion_tokens": 300, "modalities": ["text"], "store": false,
                         "metadata": {"project": "demo"}, "reasoning_effort": "low"}"""),
                Arguments.of("python sdk: streaming with include_usage", CHAT_COMPLETIONS, """
                        {"messages": [{"role": "user", "content": "Tell me a story"}], "model": "gpt-4o-mini",
                         "stream": true, "stream_options": {"include_usage": true}, "stop": ["\\n\\n", "THE END"],
                         "logprobs": true, "top_logprobs": 3, "n": 2, "seed": -9223372036854775808,
                         "presence_penalty": -2, "frequency_penalty": 2, "logit_bias": {"50256": -100, "1234": 5.5},
                         "user": "user-1234"}"""),
                Arguments.of("langchain: ChatOpenAI with structured output", CHAT_COMPLETIONS, """
                        {"messages":[{"content":"Tell me a joke about cats","role":"user"}],"model":"gpt-4o-mini",
                         "stream":false,"n":1,"temperature":0.7,"response_format":{"type":"json_schema",
                         "json_schema":{"name":"Joke","description":"Joke to tell user.","strict":true,
                         "schema":{"type":"object","properties":{"setup":{"type":"string"}},"required":["setup"]}}}}"""),
                Arguments.of("langchain: legacy function calling", CHAT_COMPLETIONS, """
                        {"messages":[{"content":"Add 2 and 3","role":"user"},
                         {"content":null,"role":"assistant","function_call":{"name":"add","arguments":"{\\"a\\":2,\\"b\\":3}"}},
                         {"content":"5","role":"function","name":"add"},
                         {"role":"assistant","content":[{"type":"refusal","refusal":"I cannot."}],"refusal":"I cannot."}],
                         "model":"gpt-3.5-turbo","response_format":{"type":"json_object"}}"""),
                Arguments.of("curl: minimal chat", CHAT_COMPLETIONS, """
                        {"model": "m", "messages": [{"role": "user", "content": "Hello!"}], "max_tokens": 50}"""),
                Arguments.of("client sending every optional field as null", CHAT_COMPLETIONS, """
                        {"model": "m", "messages": [{"role": "user", "content": "Hi", "name": null}],
                         "temperature": null, "top_p": null, "n": null, "stream": null, "stream_options": null,
                         "stop": null, "max_tokens": null, "max_completion_tokens": null, "presence_penalty": null,
                         "frequency_penalty": null, "logit_bias": null, "logprobs": null, "top_logprobs": null,
                         "seed": null, "user": null, "tools": null, "tool_choice": null, "response_format": null,
                         "top_k": null, "min_p": null, "repetition_penalty": null, "guided_json": null}"""),
                Arguments.of("python client sending whole numbers as decimals", CHAT_COMPLETIONS, """
                        {"model": "m", "messages": [{"role": "user", "content": "Hi"}], "max_tokens": 100.0,
                         "n": 1.0, "seed": 7.0, "top_k": -1, "temperature": 1}"""),
                Arguments.of("vllm: sampling and chat template extensions", CHAT_COMPLETIONS, """
                        {"model": "Qwen/Qwen3-8B", "messages": [{"role": "user", "content": "Think briefly."},
                          {"role": "assistant", "content": "Sure, "}],
                         "top_k": 20, "min_p": 0.05, "repetition_penalty": 1.05, "length_penalty": 1.0,
                         "min_tokens": 4, "ignore_eos": false, "skip_special_tokens": false,
                         "spaces_between_special_tokens": true, "add_generation_prompt": false,
                         "continue_final_message": true, "echo": false, "include_stop_str_in_output": true,
                         "use_beam_search": false, "best_of": 1, "chat_template": "{{ messages }}",
                         "chat_template_kwargs": {"enable_thinking": false}, "priority": -1, "request_id": "req-1",
                         "stop": ["a", "b", "c", "d", "e", "f"], "stop_token_ids": [151645],
                         "my_unknown_field": {"nested": [1, 2.5, "x", null, true]}, "extra_body_leak": 1e300}"""),
                Arguments.of("vllm: guided decoding and multimodal parts", CHAT_COMPLETIONS, """
                        {"model": "Qwen/Qwen2.5-VL-7B-Instruct", "messages": [{"role": "user", "content": [
                           {"type": "video_url", "video_url": {"url": "https://example.com/clip.mp4"}},
                           {"type": "audio_url", "audio_url": {"url": "https://example.com/a.wav"}},
                           {"type": "text", "text": "Yes or no?"}]}, {"role": "user", "content": []}],
                         "guided_choice": ["yes", "no"], "guided_regex": "(yes|no)", "guided_grammar": "root ::= x",
                         "guided_json": "{\\"type\\": \\"string\\"}", "guided_decoding_backend": "xgrammar",
                         "structured_outputs": {"choice": ["yes", "no"]}, "response_format": {"type": "structural_tag",
                         "structures": [], "triggers": []}, "openai_endpoint": "chat/completions"}"""),
                Arguments.of("unicode, escapes and a lone surrogate escape", CHAT_COMPLETIONS, """
                        {"model": "m", "messages": [{"role": "user", "content": "héllo 日本 😀 \\ud83d\\ude00 \\ud800 \\u0000 \\t"}]}"""),
                Arguments.of("python sdk: completions", COMPLETIONS, """
                        {"model": "gpt-3.5-turbo-instruct", "prompt": "Say this is a test", "max_tokens": 7,
                         "temperature": 0, "stop": "\\n", "suffix": "done", "best_of": 3, "n": 2, "logprobs": 5,
                         "echo": false, "stream": true, "stream_options": {"include_usage": true}}"""),
                Arguments.of("completions with token ids and scoring", COMPLETIONS, """
                        {"model": "m", "prompt": [128000, 791, 6460, 0], "max_tokens": 0, "echo": true,
                         "logprobs": 0, "top_k": 0, "min_tokens": 0, "guided_json": {"type": "object"}}"""),
                Arguments.of("completions with a batch of prompts", COMPLETIONS, """
                        {"model": "m", "prompt": ["Once upon a time", "In a galaxy"], "max_tokens": 16,
                         "stop": [], "logit_bias": {}, "echo": null}"""),
                Arguments.of("python sdk: embeddings in base64", EMBEDDINGS, """
                        {"input": ["The food was delicious and the waiter..."], "model": "text-embedding-3-small",
                         "encoding_format": "base64", "dimensions": 256, "user": "u1"}"""),
                Arguments.of("embeddings with token arrays", EMBEDDINGS, """
                        {"input": [[1, 2, 3], [4, 5]], "model": "BAAI/bge-m3", "encoding_format": "float",
                         "stream": false, "truncate_prompt_tokens": 512}"""),
                Arguments.of("embeddings with one string", EMBEDDINGS, """
                        {"input": "hello", "model": "intfloat/e5-mistral-7b-instruct"}"""),
                Arguments.of("responses api", RESPONSES, """
                        {"model": "gpt-4.1", "input": [{"role": "user", "content": [{"type": "input_text",
                         "text": "hi"}]}], "instructions": "Be kind.", "max_output_tokens": 100, "stream": false,
                         "reasoning": {"effort": "low"}, "tools": [], "anything": {"goes": true}}"""),
                Arguments.of("responses api with a string input", RESPONSES, """
                        {"model": "gpt-4.1", "input": "Tell me a joke."}"""),
                Arguments.of("anthropic messages", MESSAGES, """
                        {"model": "claude-sonnet-4", "max_tokens": 1024, "system": "You are terse.",
                         "messages": [{"role": "user", "content": [{"type": "text", "text": "Hello"}]},
                           {"role": "assistant", "content": "Hi"}, {"role": "user", "content": "Bye"}],
                         "stream": false, "temperature": 0.5, "metadata": {"user_id": "u1"}, "top_k": 5}"""));
    }
}
