package io.inferencegateway.gateway.validation;

import static io.inferencegateway.gateway.validation.Bodies.chat;
import static io.inferencegateway.gateway.validation.Bodies.chatMessages;
import static io.inferencegateway.gateway.validation.Bodies.completions;
import static io.inferencegateway.gateway.validation.Bodies.embeddings;
import static io.inferencegateway.gateway.validation.Bodies.json;
import static io.inferencegateway.gateway.validation.Bodies.messages;
import static io.inferencegateway.gateway.validation.Bodies.responses;
import static io.inferencegateway.validation.InferenceRoute.CHAT_COMPLETIONS;
import static io.inferencegateway.validation.InferenceRoute.COMPLETIONS;
import static io.inferencegateway.validation.InferenceRoute.EMBEDDINGS;
import static io.inferencegateway.validation.InferenceRoute.MESSAGES;
import static io.inferencegateway.validation.InferenceRoute.RESPONSES;
import static org.assertj.core.api.Assertions.assertThat;

import io.inferencegateway.gateway.http.ApiException;
import io.inferencegateway.validation.InferenceRequests;
import io.inferencegateway.validation.InferenceRoute;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Malformed requests on every route: each gets a 400 (415 for the content type) with its code and exact param. */
@Timeout(60)
class MalformedRequestsTest {

    private static final String MISSING = "missing_required_parameter";
    private static final String TYPE = "invalid_type";
    private static final String VALUE = "invalid_value";
    private static final String JSON_CODE = "invalid_json";

    private static final String USER = "{'role':'user','content':'hi'}";
    private static final String TOOL = "{'type':'function','function':{'name':'get_weather','parameters':{}}}";

    @ParameterizedTest(name = "[{index}] {0} {3}")
    @MethodSource("cases")
    void isRejectedNamingTheField(InferenceRoute route, String contentType, int status, String body, String code,
            String param) {
        ApiException error = Bodies.rejection(route, contentType, Bodies.utf8(body));

        assertThat(error).as("rejection of %s", body).isNotNull();
        String seen = error.status() + " " + error.code() + " " + error.param() + ": " + error.getMessage();
        assertThat(error.status()).as(seen).isEqualTo(status);
        assertThat(error.code()).as(seen).isEqualTo(code);
        assertThat(error.param()).as(seen).isEqualTo(param);
        assertThat(error.getMessage()).isNotBlank().doesNotContain("`", "REDACTED");
    }

    static Stream<Arguments> cases() {
        List<Arguments> cases = new ArrayList<>();
        contentTypeAndJson(cases);
        chatFields(cases);
        chatMessageFields(cases);
        chatTools(cases);
        vllmExtensions(cases);
        completionsFields(cases);
        embeddingsFields(cases);
        responsesAndMessages(cases);
        return cases.stream();
    }

    private static void contentTypeAndJson(List<Arguments> cases) {
        String body = chat("");
        for (String type : List.of("text/plain", "application/x-www-form-urlencoded",
                "multipart/form-data; boundary=x", "application/json; charset=iso-8859-1")) {
            cases.add(Arguments.of(CHAT_COMPLETIONS, type, 415, body, "unsupported_media_type", null));
        }
        for (String bad : List.of("", "   ", "[]", "null", "\"chat\"", "42", json("{'model':'m'"),
                json("{'model':'m','model':'n','messages':[" + USER + "]}"), json("{'model':'m',}"))) {
            cases.add(bad(CHAT_COMPLETIONS, bad, JSON_CODE, null));
        }
    }

    private static void chatFields(List<Arguments> cases) {
        add(cases, CHAT_COMPLETIONS, json("{'messages':[" + USER + "]}"), MISSING, "model");
        add(cases, CHAT_COMPLETIONS, json("{'model':null,'messages':[" + USER + "]}"), MISSING, "model");
        add(cases, CHAT_COMPLETIONS, json("{'model':'','messages':[" + USER + "]}"), VALUE, "model");
        add(cases, CHAT_COMPLETIONS, json("{'model':42,'messages':[" + USER + "]}"), TYPE, "model");
        add(cases, CHAT_COMPLETIONS, json("{'model':'m'}"), MISSING, "messages");
        add(cases, CHAT_COMPLETIONS, chatMessages("[]"), VALUE, "messages");
        add(cases, CHAT_COMPLETIONS, chatMessages("'hi'"), TYPE, "messages");
        add(cases, CHAT_COMPLETIONS, chat("'temperature':3.5"), VALUE, "temperature");
        add(cases, CHAT_COMPLETIONS, chat("'temperature':-0.1"), VALUE, "temperature");
        add(cases, CHAT_COMPLETIONS, chat("'temperature':'0.7'"), TYPE, "temperature");
        add(cases, CHAT_COMPLETIONS, chat("'top_p':1.5"), VALUE, "top_p");
        add(cases, CHAT_COMPLETIONS, chat("'n':0"), VALUE, "n");
        add(cases, CHAT_COMPLETIONS, chat("'n':129"), VALUE, "n");
        add(cases, CHAT_COMPLETIONS, chat("'n':1.5"), TYPE, "n");
        add(cases, CHAT_COMPLETIONS, chat("'max_tokens':0"), VALUE, "max_tokens");
        add(cases, CHAT_COMPLETIONS, chat("'max_tokens':'100'"), TYPE, "max_tokens");
        add(cases, CHAT_COMPLETIONS, chat("'max_completion_tokens':-1"), VALUE, "max_completion_tokens");
        add(cases, CHAT_COMPLETIONS, chat("'stream':'true'"), TYPE, "stream");
        add(cases, CHAT_COMPLETIONS, chat("'stream_options':{'include_usage':true}"), VALUE, "stream_options");
        add(cases, CHAT_COMPLETIONS, chat("'stream':false,'stream_options':{}"), VALUE, "stream_options");
        add(cases, CHAT_COMPLETIONS, chat("'stream':true,'stream_options':{'include_usage':'yes'}"), TYPE,
                "stream_options.include_usage");
        add(cases, CHAT_COMPLETIONS, chat("'stream':true,'stream_options':true"), TYPE, "stream_options");
        add(cases, CHAT_COMPLETIONS, chat("'stop':5"), TYPE, "stop");
        add(cases, CHAT_COMPLETIONS, chat("'stop':['a',1]"), TYPE, "stop[1]");
        add(cases, CHAT_COMPLETIONS, chat("'presence_penalty':2.5"), VALUE, "presence_penalty");
        add(cases, CHAT_COMPLETIONS, chat("'frequency_penalty':-3"), VALUE, "frequency_penalty");
        add(cases, CHAT_COMPLETIONS, chat("'logit_bias':{'50256':101}"), VALUE, "logit_bias.50256");
        add(cases, CHAT_COMPLETIONS, chat("'logit_bias':{'abc':1}"), VALUE, "logit_bias.abc");
        add(cases, CHAT_COMPLETIONS, chat("'logit_bias':{'50256':'-100'}"), TYPE, "logit_bias.50256");
        add(cases, CHAT_COMPLETIONS, chat("'logit_bias':[]"), TYPE, "logit_bias");
        add(cases, CHAT_COMPLETIONS, chat("'logprobs':1"), TYPE, "logprobs");
        add(cases, CHAT_COMPLETIONS, chat("'logprobs':true,'top_logprobs':21"), VALUE, "top_logprobs");
        add(cases, CHAT_COMPLETIONS, chat("'top_logprobs':5"), VALUE, "top_logprobs");
        add(cases, CHAT_COMPLETIONS, chat("'seed':1.5"), TYPE, "seed");
        add(cases, CHAT_COMPLETIONS, chat("'seed':18446744073709551616"), VALUE, "seed");
        add(cases, CHAT_COMPLETIONS, chat("'user':1"), TYPE, "user");
        add(cases, CHAT_COMPLETIONS, chat("'parallel_tool_calls':'true'"), TYPE, "parallel_tool_calls");
        add(cases, CHAT_COMPLETIONS, chat("'response_format':{}"), MISSING, "response_format.type");
        add(cases, CHAT_COMPLETIONS, chat("'response_format':'json'"), TYPE, "response_format");
        add(cases, CHAT_COMPLETIONS, chat("'response_format':{'type':'xml'}"), VALUE, "response_format.type");
        add(cases, CHAT_COMPLETIONS, chat("'response_format':{'type':'json_schema'}"), MISSING,
                "response_format.json_schema");
        add(cases, CHAT_COMPLETIONS, chat("'response_format':{'type':'json_schema','json_schema':{'schema':{}}}"),
                MISSING, "response_format.json_schema.name");
        add(cases, CHAT_COMPLETIONS, chat("'response_format':{'type':'json_schema','json_schema':{'name':'a',"
                + "'schema':'{}'}}"), TYPE, "response_format.json_schema.schema");
        add(cases, CHAT_COMPLETIONS, chat("'reasoning_effort':3"), TYPE, "reasoning_effort");
        add(cases, CHAT_COMPLETIONS, chat("'metadata':'x'"), TYPE, "metadata");
        add(cases, CHAT_COMPLETIONS, chat("'store':'no'"), TYPE, "store");
        add(cases, CHAT_COMPLETIONS, chat("'modalities':'text'"), TYPE, "modalities");
        add(cases, CHAT_COMPLETIONS, chat("'openai_endpoint':'embeddings'"), VALUE, "openai_endpoint");
    }

    private static void chatMessageFields(List<Arguments> cases) {
        add(cases, CHAT_COMPLETIONS, chatMessages("['hi']"), TYPE, "messages[0]");
        add(cases, CHAT_COMPLETIONS, chatMessages("[{'content':'hi'}]"), MISSING, "messages[0].role");
        add(cases, CHAT_COMPLETIONS, chatMessages("[{'role':'robot','content':'hi'}]"), VALUE, "messages[0].role");
        add(cases, CHAT_COMPLETIONS, chatMessages("[{'role':1,'content':'hi'}]"), TYPE, "messages[0].role");
        add(cases, CHAT_COMPLETIONS, chatMessages("[{'role':'user'}]"), MISSING, "messages[0].content");
        add(cases, CHAT_COMPLETIONS, chatMessages("[{'role':'user','content':null}]"), TYPE, "messages[0].content");
        add(cases, CHAT_COMPLETIONS, chatMessages("[{'role':'system','content':5}]"), TYPE, "messages[0].content");
        add(cases, CHAT_COMPLETIONS, chatMessages("[{'role':'user','content':'hi','name':5}]"), TYPE,
                "messages[0].name");
        add(cases, CHAT_COMPLETIONS, chatMessages("[{'role':'system','content':[{'type':'image_url',"
                + "'image_url':{'url':'http://x/a.png'}}]}]"), VALUE, "messages[0].content[0].type");
        add(cases, CHAT_COMPLETIONS, chatMessages("[{'role':'developer','content':['be brief']}]"), TYPE,
                "messages[0].content[0]");
        add(cases, CHAT_COMPLETIONS, chatMessages("[" + USER + ",{'role':'user','content':[{'text':'x'}]}]"),
                MISSING, "messages[1].content[0].type");
        add(cases, CHAT_COMPLETIONS, chatMessages("[{'role':'user','content':[{'type':'video','text':'x'}]}]"),
                VALUE, "messages[0].content[0].type");
        add(cases, CHAT_COMPLETIONS, chatMessages("[{'role':'user','content':[{'type':'text','text':1}]}]"),
                TYPE, "messages[0].content[0].text");
        add(cases, CHAT_COMPLETIONS, chatMessages("[{'role':'user','content':[{'type':'text','text':'a'},"
                + "{'type':'image_url'}]}]"), MISSING, "messages[0].content[1].image_url");
        add(cases, CHAT_COMPLETIONS, chatMessages("[{'role':'system','content':'s'}," + USER
                + ",{'role':'user','content':[{'type':'image_url','image_url':{'url':5}}]}]"), TYPE,
                "messages[2].content[0].image_url.url");
        add(cases, CHAT_COMPLETIONS, chatMessages("[{'role':'user','content':[{'type':'image_url',"
                + "'image_url':{'url':''}}]}]"), VALUE, "messages[0].content[0].image_url.url");
        add(cases, CHAT_COMPLETIONS, chatMessages("[{'role':'user','content':[{'type':'image_url',"
                + "'image_url':{'url':'http://x/a.png','detail':'ultra'}}]}]"), VALUE,
                "messages[0].content[0].image_url.detail");
        add(cases, CHAT_COMPLETIONS, chatMessages("[{'role':'user','content':[{'type':'input_audio',"
                + "'input_audio':{'data':'AAAA','format':'ogg'}}]}]"), VALUE,
                "messages[0].content[0].input_audio.format");
        add(cases, CHAT_COMPLETIONS, chatMessages("[{'role':'user','content':[{'type':'input_audio',"
                + "'input_audio':{'format':'wav'}}]}]"), MISSING, "messages[0].content[0].input_audio.data");
        add(cases, CHAT_COMPLETIONS, chatMessages("[{'role':'user','content':[{'type':'file','file':'f'}]}]"),
                TYPE, "messages[0].content[0].file");
        add(cases, CHAT_COMPLETIONS, chatMessages("[" + USER + ",{'role':'assistant'}]"), MISSING,
                "messages[1].content");
        add(cases, CHAT_COMPLETIONS, chatMessages("[" + USER + ",{'role':'assistant','content':null}]"), TYPE,
                "messages[1].content");
        add(cases, CHAT_COMPLETIONS, chatMessages("[" + USER + ",{'role':'assistant','content':[{'type':"
                + "'image_url','image_url':{'url':'http://x'}}]}]"), VALUE, "messages[1].content[0].type");
        add(cases, CHAT_COMPLETIONS, chatMessages("[" + USER + ",{'role':'assistant','content':null,"
                + "'tool_calls':[{'type':'function','function':{'name':'f','arguments':'{}'}}]}]"), MISSING,
                "messages[1].tool_calls[0].id");
        add(cases, CHAT_COMPLETIONS, chatMessages("[" + USER + ",{'role':'assistant','tool_calls':[{'id':'c1',"
                + "'type':'tool','function':{'name':'f','arguments':'{}'}}]}]"), VALUE,
                "messages[1].tool_calls[0].type");
        add(cases, CHAT_COMPLETIONS, chatMessages("[" + USER + ",{'role':'assistant','tool_calls':[{'id':'c1',"
                + "'type':'function','function':{'name':'f','arguments':{}}}]}]"), TYPE,
                "messages[1].tool_calls[0].function.arguments");
        add(cases, CHAT_COMPLETIONS, chatMessages("[" + USER + ",{'role':'assistant','tool_calls':{}}]"), TYPE,
                "messages[1].tool_calls");
        add(cases, CHAT_COMPLETIONS, chatMessages("[" + USER + ",{'role':'assistant','content':'x','refusal':1}]"),
                TYPE, "messages[1].refusal");
        add(cases, CHAT_COMPLETIONS, chatMessages("[" + USER + ",{'role':'assistant','content':null,"
                + "'tool_calls':[]},{'role':'tool','content':'17C'}]"), MISSING, "messages[2].tool_call_id");
        add(cases, CHAT_COMPLETIONS, chatMessages("[{'role':'tool','content':'17C','tool_call_id':7}]"), TYPE,
                "messages[0].tool_call_id");
        add(cases, CHAT_COMPLETIONS, chatMessages("[{'role':'tool','tool_call_id':'c1'}]"), MISSING,
                "messages[0].content");
        add(cases, CHAT_COMPLETIONS, chatMessages("[" + USER + ",{'role':'function','content':'17C'}]"), MISSING,
                "messages[1].name");
    }

    private static void chatTools(List<Arguments> cases) {
        add(cases, CHAT_COMPLETIONS, chat("'tools':{}"), TYPE, "tools");
        add(cases, CHAT_COMPLETIONS, chat("'tools':[{'type':'function'}]"), MISSING, "tools[0].function");
        add(cases, CHAT_COMPLETIONS, chat("'tools':[" + TOOL + ",{'type':'function','function':{'name':"
                + "'get weather'}}]"), VALUE, "tools[1].function.name");
        add(cases, CHAT_COMPLETIONS, chat("'tools':[{'type':'function','function':{'name':'"
                + "a".repeat(65) + "'}}]"), VALUE, "tools[0].function.name");
        add(cases, CHAT_COMPLETIONS, chat("'tools':[{'type':'retrieval','function':{'name':'f'}}]"), VALUE,
                "tools[0].type");
        add(cases, CHAT_COMPLETIONS, chat("'tools':[{'type':'function','function':{'name':'f','parameters':"
                + "'{}'}}]"), TYPE, "tools[0].function.parameters");
        add(cases, CHAT_COMPLETIONS, chat("'tools':[{'type':'function','function':{'name':'f','strict':"
                + "'yes'}}]"), TYPE, "tools[0].function.strict");
        add(cases, CHAT_COMPLETIONS, chat("'tools':[" + TOOL + "],'tool_choice':'sometimes'"), VALUE, "tool_choice");
        add(cases, CHAT_COMPLETIONS, chat("'tools':[" + TOOL + "],'tool_choice':1"), TYPE, "tool_choice");
        add(cases, CHAT_COMPLETIONS, chat("'tool_choice':'auto'"), VALUE, "tool_choice");
        add(cases, CHAT_COMPLETIONS, chat("'tools':[" + TOOL + "],'tool_choice':{'type':'function'}"), MISSING,
                "tool_choice.function");
        add(cases, CHAT_COMPLETIONS, chat("'tools':[" + TOOL + "],'tool_choice':{'type':'function','function':"
                + "{'name':'get_time'}}"), VALUE, "tool_choice.function.name");
    }

    private static void vllmExtensions(List<Arguments> cases) {
        add(cases, CHAT_COMPLETIONS, chat("'top_k':-2"), VALUE, "top_k");
        add(cases, CHAT_COMPLETIONS, chat("'top_k':1.5"), TYPE, "top_k");
        add(cases, CHAT_COMPLETIONS, chat("'min_p':1.5"), VALUE, "min_p");
        add(cases, CHAT_COMPLETIONS, chat("'repetition_penalty':0"), VALUE, "repetition_penalty");
        add(cases, CHAT_COMPLETIONS, chat("'length_penalty':'1'"), TYPE, "length_penalty");
        add(cases, CHAT_COMPLETIONS, chat("'min_tokens':-1"), VALUE, "min_tokens");
        add(cases, CHAT_COMPLETIONS, chat("'ignore_eos':null"), TYPE, "ignore_eos");
        add(cases, CHAT_COMPLETIONS, chat("'skip_special_tokens':'false'"), TYPE, "skip_special_tokens");
        add(cases, CHAT_COMPLETIONS, chat("'add_generation_prompt':1"), TYPE, "add_generation_prompt");
        add(cases, CHAT_COMPLETIONS, chat("'echo':null"), TYPE, "echo");
        add(cases, CHAT_COMPLETIONS, chat("'best_of':0"), VALUE, "best_of");
        add(cases, CHAT_COMPLETIONS, chat("'chat_template':{}"), TYPE, "chat_template");
        add(cases, CHAT_COMPLETIONS, chat("'chat_template_kwargs':'enable_thinking'"), TYPE, "chat_template_kwargs");
        add(cases, CHAT_COMPLETIONS, chat("'guided_json':5"), TYPE, "guided_json");
        add(cases, CHAT_COMPLETIONS, chat("'guided_choice':[]"), VALUE, "guided_choice");
        add(cases, CHAT_COMPLETIONS, chat("'guided_choice':['yes',1]"), TYPE, "guided_choice[1]");
        add(cases, CHAT_COMPLETIONS, chat("'guided_regex':['a']"), TYPE, "guided_regex");
        add(cases, CHAT_COMPLETIONS, chat("'structured_outputs':'json'"), TYPE, "structured_outputs");
        add(cases, CHAT_COMPLETIONS, chat("'priority':'high'"), TYPE, "priority");
        add(cases, CHAT_COMPLETIONS, chat("'request_id':5"), TYPE, "request_id");
    }

    private static void completionsFields(List<Arguments> cases) {
        add(cases, COMPLETIONS, json("{'model':'m'}"), MISSING, "prompt");
        add(cases, COMPLETIONS, json("{'prompt':'hi'}"), MISSING, "model");
        add(cases, COMPLETIONS, json("{'model':'m','prompt':''}"), VALUE, "prompt");
        add(cases, COMPLETIONS, json("{'model':'m','prompt':[]}"), VALUE, "prompt");
        add(cases, COMPLETIONS, json("{'model':'m','prompt':5}"), TYPE, "prompt");
        add(cases, COMPLETIONS, json("{'model':'m','prompt':['a','']}"), VALUE, "prompt[1]");
        add(cases, COMPLETIONS, json("{'model':'m','prompt':[1,'a']}"), TYPE, "prompt[1]");
        add(cases, COMPLETIONS, json("{'model':'m','prompt':[[1,2],[]]}"), VALUE, "prompt[1]");
        add(cases, COMPLETIONS, json("{'model':'m','prompt':[[1,2],[3,'x']]}"), TYPE, "prompt[1][1]");
        add(cases, COMPLETIONS, json("{'model':'m','prompt':[-1]}"), VALUE, "prompt[0]");
        add(cases, COMPLETIONS, json("{'model':'m','prompt':[{}]}"), TYPE, "prompt[0]");
        add(cases, COMPLETIONS, completions("'logprobs':6"), VALUE, "logprobs");
        add(cases, COMPLETIONS, completions("'logprobs':true"), TYPE, "logprobs");
        add(cases, COMPLETIONS, completions("'max_tokens':-1"), VALUE, "max_tokens");
        add(cases, COMPLETIONS, completions("'echo':'yes'"), TYPE, "echo");
        add(cases, COMPLETIONS, completions("'suffix':1"), TYPE, "suffix");
        add(cases, COMPLETIONS, completions("'n':2,'best_of':1"), VALUE, "best_of");
        add(cases, COMPLETIONS, completions("'stream_options':{'include_usage':true}"), VALUE, "stream_options");
        add(cases, COMPLETIONS, completions("'temperature':2.01"), VALUE, "temperature");
        add(cases, COMPLETIONS, completions("'top_k':'40'"), TYPE, "top_k");
        add(cases, COMPLETIONS, completions("'openai_endpoint':'chat/completions'"), VALUE, "openai_endpoint");
    }

    private static void embeddingsFields(List<Arguments> cases) {
        add(cases, EMBEDDINGS, json("{'input':'x'}"), MISSING, "model");
        add(cases, EMBEDDINGS, json("{'model':'m'}"), MISSING, "input");
        add(cases, EMBEDDINGS, json("{'model':'m','input':''}"), VALUE, "input");
        add(cases, EMBEDDINGS, json("{'model':'m','input':[]}"), VALUE, "input");
        add(cases, EMBEDDINGS, json("{'model':'m','input':['a','']}"), VALUE, "input[1]");
        add(cases, EMBEDDINGS, json("{'model':'m','input':[[]]}"), VALUE, "input[0]");
        add(cases, EMBEDDINGS, json("{'model':'m','input':[true]}"), TYPE, "input[0]");
        add(cases, EMBEDDINGS, json("{'model':'m','input':{'text':'a'}}"), TYPE, "input");
        String tooMany = String.join(",", Collections.nCopies(InferenceRequests.MAX_EMBEDDING_INPUTS + 1, "'a'"));
        add(cases, EMBEDDINGS, json("{'model':'m','input':[" + tooMany + "]}"), VALUE, "input");
        add(cases, EMBEDDINGS, embeddings("'encoding_format':'int8'"), VALUE, "encoding_format");
        add(cases, EMBEDDINGS, embeddings("'dimensions':0"), VALUE, "dimensions");
        add(cases, EMBEDDINGS, embeddings("'dimensions':'256'"), TYPE, "dimensions");
        add(cases, EMBEDDINGS, embeddings("'user':5"), TYPE, "user");
        add(cases, EMBEDDINGS, embeddings("'stream':true"), VALUE, "stream");
    }

    private static void responsesAndMessages(List<Arguments> cases) {
        add(cases, RESPONSES, json("{'input':'hello'}"), MISSING, "model");
        add(cases, RESPONSES, json("{'model':'m'}"), MISSING, "input");
        add(cases, RESPONSES, json("{'model':'m','input':[]}"), VALUE, "input");
        add(cases, RESPONSES, json("{'model':'m','input':5}"), TYPE, "input");
        add(cases, RESPONSES, responses("'stream':'yes'"), TYPE, "stream");
        add(cases, RESPONSES, responses("'stream':true"), "unsupported_endpoint", "stream");
        add(cases, MESSAGES, json("{'model':'m','messages':[" + USER + "]}"), MISSING, "max_tokens");
        add(cases, MESSAGES, json("{'model':'m','max_tokens':0,'messages':[" + USER + "]}"), VALUE, "max_tokens");
        add(cases, MESSAGES, json("{'model':'m','max_tokens':8,'messages':[]}"), VALUE, "messages");
        add(cases, MESSAGES, json("{'model':'m','max_tokens':8,'messages':[{'role':'system','content':'s'}]}"),
                VALUE, "messages[0].role");
        add(cases, MESSAGES, json("{'model':'m','max_tokens':8,'messages':[{'role':'user','content':5}]}"), TYPE,
                "messages[0].content");
        add(cases, MESSAGES, json("{'model':'m','max_tokens':8,'messages':[{'role':'user'}]}"), MISSING,
                "messages[0].content");
        add(cases, MESSAGES, messages("'stream':true"), "unsupported_endpoint", "stream");
    }

    private static void add(List<Arguments> cases, InferenceRoute route, String body, String code, String param) {
        cases.add(bad(route, body, code, param));
    }

    private static Arguments bad(InferenceRoute route, String body, String code, String param) {
        return Arguments.of(route, Bodies.JSON, 400, body, code, param);
    }
}
