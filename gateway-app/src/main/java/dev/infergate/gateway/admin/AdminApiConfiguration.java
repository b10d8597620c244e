package dev.infergate.gateway.admin;

import dev.infergate.gateway.control.LiveConfigurationService;
import dev.infergate.gateway.observability.InferenceEndpoint;
import dev.infergate.gateway.observability.LiveTraffic;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.actuate.autoconfigure.web.ManagementContextConfiguration;
import org.springframework.boot.actuate.autoconfigure.web.ManagementContextType;
import org.springframework.context.annotation.Bean;
import org.springframework.core.io.support.ResourcePatternResolver;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;
import tools.jackson.databind.json.JsonMapper;

/**
 * The admin API and the web console, served by the management (admin port) context only: Boot puts nothing but
 * Actuator there unless a configuration is declared for that child context, which also keeps the
 * API off the public port by construction.
 */
@ManagementContextConfiguration(value = ManagementContextType.CHILD, proxyBeanMethods = false)
public class AdminApiConfiguration {

    public static final String BASE = "/admin/api";

    /** How often the live feed sends a snapshot, and the window its rates and percentiles cover. */
    static final Duration LIVE_PERIOD = Duration.ofSeconds(1);
    static final Duration LIVE_WINDOW = Duration.ofSeconds(10);

    @Bean
    RouterFunction<ServerResponse> adminLogin() {
        return RouterFunctions.route().GET("/admin/login", LoginPage::render).build();
    }

    /** The console: its page at {@code /admin/}, its modules and the libraries they import. */
    @Bean
    RouterFunction<ServerResponse> adminConsole(ResourcePatternResolver resources) {
        ConsoleAssets assets = ConsoleAssets.load(resources);
        return RouterFunctions.route()
                .GET("/admin", request -> ServerResponse.temporaryRedirect(URI.create("/admin/")).build())
                .GET("/admin/", request -> assets.serve(request, ConsoleAssets.INDEX))
                .GET("/admin/console/{*path}", request -> assets.serve(request,
                        ConsoleAssets.CONSOLE_PREFIX + request.pathVariable("path").substring(1)))
                .GET("/admin/lib/{*path}", request -> assets.serve(request,
                        ConsoleAssets.LIBRARY_PREFIX + request.pathVariable("path").substring(1)))
                .build();
    }

    /** One per admin port: every open console shares its ticker. */
    @Bean
    LiveFeed liveFeed(LiveConfigurationService service, MeterRegistry meters, InferenceEndpoint inference, JsonMapper json) {
        LiveTraffic traffic = new LiveTraffic(meters, LIVE_WINDOW);
        return new LiveFeed(() -> {
            Map<String, Object> snapshot = new LinkedHashMap<>();
            snapshot.put("version", service.current().number());
            snapshot.put("time", Instant.now().toString());
            snapshot.put("windowSeconds", LIVE_WINDOW.toSeconds());
            snapshot.put("routes", traffic.sample());
            snapshot.put("pools", inference.inference().get("pools"));
            return snapshot;
        }, json, LIVE_PERIOD);
    }

    @Bean
    RouterFunction<ServerResponse> adminApi(LiveConfigurationService service, LiveFeed live) {
        AdminWrites writes = new AdminWrites(service);
        AdminRequestBodies bodies = new AdminRequestBodies();
        DocumentCollection routes = DocumentCollection.list("routes", "id", "route");
        DocumentCollection pools = DocumentCollection.list("pools", "name", "pool");
        ResourceHandler routeHandler = new ResourceHandler(routes, service, writes, bodies, key -> true);
        ResourceHandler poolHandler = new ResourceHandler(pools, service, writes, bodies, key -> true);
        ResourceHandler sectionHandler = new ResourceHandler(new DocumentCollection.Sections(), service, writes, bodies,
                service.validator()::isRegisteredSection);
        VersionsHandler versions = new VersionsHandler(service, writes);
        DocumentHandler document = new DocumentHandler(service, writes, bodies, Map.of("route", routes, "pool", pools));
        SessionHandler session = new SessionHandler();
        return RouterFunctions.route()
                .path(BASE, api -> api
                        .GET("/session", session::session)
                        .GET("/live", live::stream)
                        .GET("/routes", routeHandler::list)
                        .POST("/routes", routeHandler::create)
                        .GET("/routes/{key}", routeHandler::get)
                        .PUT("/routes/{key}", routeHandler::replace)
                        .PATCH("/routes/{key}", routeHandler::patch)
                        .DELETE("/routes/{key}", routeHandler::delete)
                        .GET("/pools", poolHandler::list)
                        .POST("/pools", poolHandler::create)
                        .GET("/pools/{key}", poolHandler::get)
                        .PUT("/pools/{key}", poolHandler::replace)
                        .PATCH("/pools/{key}", poolHandler::patch)
                        .DELETE("/pools/{key}", poolHandler::delete)
                        .GET("/sections", sectionHandler::list)
                        .GET("/sections/{key}", sectionHandler::get)
                        .PUT("/sections/{key}", sectionHandler::replace)
                        .PATCH("/sections/{key}", sectionHandler::patch)
                        .POST("/validate", document::validate)
                        .GET("/versions", versions::list)
                        .GET("/versions/{v}", versions::get)
                        .GET("/versions/{a}/diff/{b}", versions::diff)
                        .POST("/versions/{v}/rollback", versions::rollback)
                        .GET("/export", document::export)
                        .PUT("/import", document::importDocument))
                .onError(AdminRequestBodies.BodyTooLarge.class, (error, request) ->
                        AdminProblems.problem(request, 413, "body-too-large", "Request body too large", error.getMessage()))
                .onError(AdminRequestBodies.UnreadableBody.class, (error, request) ->
                        AdminProblems.badRequest(request, error.getMessage()))
                .build();
    }
}
