package dev.infergate.gateway.admin;

import dev.infergate.gateway.control.LiveConfigurationService;
import java.util.Map;
import org.springframework.boot.actuate.autoconfigure.web.ManagementContextConfiguration;
import org.springframework.boot.actuate.autoconfigure.web.ManagementContextType;
import org.springframework.context.annotation.Bean;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * The admin API, served by the management (admin port) context only: Boot puts nothing but
 * Actuator there unless a configuration is declared for that child context, which also keeps the
 * API off the public port by construction.
 */
@ManagementContextConfiguration(value = ManagementContextType.CHILD, proxyBeanMethods = false)
public class AdminApiConfiguration {

    public static final String BASE = "/admin/api";

    @Bean
    RouterFunction<ServerResponse> adminLogin() {
        return RouterFunctions.route().GET("/admin/login", LoginPage::render).build();
    }

    @Bean
    RouterFunction<ServerResponse> adminApi(LiveConfigurationService service) {
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
        return RouterFunctions.route()
                .path(BASE, api -> api
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
