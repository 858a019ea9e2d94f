package io.inferencegateway.gateway.console;

import io.inferencegateway.gateway.http.ApiException;
import io.inferencegateway.gateway.http.ClasspathResources;
import io.inferencegateway.gateway.http.Routes;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The console's pages and assets: plain HTML, CSS and JavaScript from {@code resources/console/} and uPlot from its
 * WebJar, read once at start, no build step. The pages hold no data: their scripts sign in with the key the user
 * pastes (kept in the tab's sessionStorage) and call the JSON routes with it, so they are served to anyone, under a
 * Content-Security-Policy that allows only this origin's scripts, styles and connections.
 */
public final class ConsolePages implements Routes {

    private static final String WEBJAR = "META-INF/resources/webjars/uplot/";
    static final String POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    private record Asset(String contentType, byte[] bytes) {
    }

    private final Map<String, Asset> pages;
    private final Map<String, Asset> assets;

    public ConsolePages() {
        String uplot = WEBJAR + ClasspathResources.webjarVersion("org.webjars.npm/uplot") + "/dist/";
        String html = "text/html; charset=utf-8";
        String js = "text/javascript; charset=utf-8";
        String css = "text/css; charset=utf-8";
        pages = Map.of("/console", new Asset(html, page("console/index.html")),
                "/console/ops", new Asset(html, page("console/ops.html")));
        assets = Map.of(
                "console.css", new Asset(css, ClasspathResources.bytes("console/console.css")),
                "console.js", new Asset(js, ClasspathResources.bytes("console/console.js")),
                "user.js", new Asset(js, ClasspathResources.bytes("console/user.js")),
                "ops.js", new Asset(js, ClasspathResources.bytes("console/ops.js")),
                "uPlot.min.css", new Asset(css, ClasspathResources.bytes(uplot + "uPlot.min.css")),
                "uPlot.iife.min.js", new Asset(js, ClasspathResources.bytes(uplot + "uPlot.iife.min.js")));
    }

    /** A page with the sign-in form both pages share put in its place. */
    private static byte[] page(String name) {
        String signIn = new String(ClasspathResources.bytes("console/sign-in.html"), StandardCharsets.UTF_8);
        return new String(ClasspathResources.bytes(name), StandardCharsets.UTF_8).replace("  <!-- sign-in -->\n",
                signIn).getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void register(RoutesConfig routes) {
        pages.forEach((path, page) -> routes.get(path, ctx -> serve(ctx, page, "no-cache")));
        routes.get("/console/assets/{name}", ctx -> {
            Asset asset = assets.get(ctx.pathParam("name"));
            if (asset == null) {
                throw ApiException.notFound("not_found", "No such console asset.");
            }
            serve(ctx, asset, "public, max-age=3600");
        });
    }

    private static void serve(Context ctx, Asset asset, String cache) {
        ctx.header("Content-Security-Policy", POLICY)
                .header("X-Content-Type-Options", "nosniff")
                .header("Referrer-Policy", "no-referrer")
                .header("Cache-Control", cache)
                .contentType(asset.contentType())
                .result(asset.bytes());
    }
}
