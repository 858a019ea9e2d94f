package io.inferencegateway.gateway.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.inferencegateway.gateway.http.ApiException;
import io.inferencegateway.gateway.http.ClasspathResources;
import io.inferencegateway.gateway.http.Routes;
import io.inferencegateway.json.Json;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * The API descriptions and their pages, for people and generators: OpenAPI 3.1 for each API family
 * ({@code /openapi.json} for OpenAI's, {@code /resource_server/openapi.json} for FIRST's) and Swagger UI from its
 * WebJar at {@code /docs} and {@code /resource_server/docs}. The descriptions are written by hand beside the code
 * ({@code resources/openapi/*.yaml}); tests hold them to the routes the server registers and to its real answers.
 * Read once at start; no authentication, as they describe only what anyone may read in the docs.
 */
public final class ApiDocsRoutes implements Routes {

    /** Each family's prefix: its description, page and assets live under it. */
    private static final Map<String, String> FAMILIES = Map.of("", "openai", "/resource_server", "first");
    private static final String WEBJAR = "META-INF/resources/webjars/swagger-ui/";
    private static final String CACHE = "public, max-age=86400";

    private final Map<String, byte[]> descriptions;
    private final Map<String, byte[]> pages;
    private final Map<String, Asset> assets;

    private record Asset(String contentType, byte[] bytes) {
    }

    public ApiDocsRoutes() {
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        String uiVersion = ClasspathResources.webjarVersion("org.webjars/swagger-ui");
        descriptions = new HashMap<>();
        pages = new HashMap<>();
        FAMILIES.forEach((prefix, name) -> {
            JsonNode description = readYaml(yaml, "openapi/" + name + ".yaml");
            descriptions.put(prefix, Json.writeBytes(description));
            pages.put(prefix, resource("openapi/docs/index.html").replace("{{title}}",
                    description.at("/info/title").asText()).getBytes(StandardCharsets.UTF_8));
        });
        assets = Map.of(
                "swagger-ui.css", new Asset("text/css; charset=utf-8",
                        ClasspathResources.bytes(WEBJAR + uiVersion + "/swagger-ui.css")),
                "swagger-ui-bundle.js", new Asset("text/javascript; charset=utf-8",
                        ClasspathResources.bytes(WEBJAR + uiVersion + "/swagger-ui-bundle.js")),
                "init.js", new Asset("text/javascript; charset=utf-8",
                        ClasspathResources.bytes("openapi/docs/init.js")));
    }

    @Override
    public void register(RoutesConfig routes) {
        FAMILIES.keySet().forEach(prefix -> {
            routes.get(prefix + "/openapi.json", ctx -> ctx.contentType("application/json")
                    .result(descriptions.get(prefix)));
            routes.get(prefix + "/docs", ctx -> ctx.contentType("text/html; charset=utf-8").result(pages.get(prefix)));
            routes.get(prefix + "/docs/assets/{name}", this::asset);
        });
    }

    private void asset(Context ctx) {
        Asset asset = assets.get(ctx.pathParam("name"));
        if (asset == null) {
            throw ApiException.notFound("not_found", "No such documentation asset.");
        }
        ctx.header("Cache-Control", CACHE).contentType(asset.contentType()).result(asset.bytes());
    }

    private static JsonNode readYaml(ObjectMapper yaml, String name) {
        try {
            return yaml.readTree(ClasspathResources.bytes(name));
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read the API description " + name, e);
        }
    }

    private static String resource(String name) {
        return new String(ClasspathResources.bytes(name), StandardCharsets.UTF_8);
    }
}
