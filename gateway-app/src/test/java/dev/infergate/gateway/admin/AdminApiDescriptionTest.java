package dev.infergate.gateway.admin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.infergate.gateway.control.ConfigurationValidator;
import dev.infergate.gateway.control.InMemoryConfigStore;
import dev.infergate.gateway.control.LiveConfiguration;
import dev.infergate.gateway.control.LiveConfigurationHolder;
import dev.infergate.gateway.control.LiveConfigurationService;
import dev.infergate.gateway.control.PoolValidator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.Resource;
import org.springframework.http.HttpMethod;
import org.springframework.web.reactive.function.server.HandlerFunction;
import org.springframework.web.reactive.function.server.RequestPredicate;
import org.springframework.web.reactive.function.server.RequestPredicates;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

/** docs/admin-api.yaml describes exactly the operations the admin API's router serves. */
final class AdminApiDescriptionTest {

    @Test
    void everyServedOperationIsDescribedAndNothingElse() throws IOException {
        assertThat(described()).isEqualTo(served());
    }

    private static Set<String> described() throws IOException {
        JsonNode description = YAMLMapper.builder().build().readTree(Files.readString(Path.of("..", "docs", "admin-api.yaml")));
        Set<String> operations = new TreeSet<>();
        description.required("paths").properties().forEach(path -> path.getValue().propertyNames().forEach(method -> {
            if (!method.equals("parameters")) {
                operations.add(method.toUpperCase(Locale.ROOT) + " " + AdminApiConfiguration.BASE + path.getKey());
            }
        }));
        return operations;
    }

    private static Set<String> served() {
        LiveConfiguration empty = new LiveConfiguration(List.of(), List.of(), Map.of());
        LiveConfigurationService service = new LiveConfigurationService(new InMemoryConfigStore(empty, Clock.systemUTC(), 5),
                new ConfigurationValidator(null, (pool, pointer) -> List.of(), List.of(), List.of()), new LiveConfigurationHolder(empty, event -> { }));
        RouterFunction<ServerResponse> router = new AdminApiConfiguration().adminApi(service,
                new LiveFeed(Map::of, JsonMapper.builder().build(), AdminApiConfiguration.LIVE_PERIOD));
        Set<String> operations = new TreeSet<>();
        Deque<String> prefixes = new ArrayDeque<>();
        router.accept(new RouterFunctions.Visitor() {
            @Override
            public void startNested(RequestPredicate predicate) {
                prefixes.push(Operation.of(predicate).path());
            }

            @Override
            public void endNested(RequestPredicate predicate) {
                prefixes.pop();
            }

            @Override
            public void route(RequestPredicate predicate, HandlerFunction<?> handler) {
                Operation operation = Operation.of(predicate);
                operations.add(operation.method() + " " + String.join("", (Iterable<String>) prefixes::descendingIterator) + operation.path());
            }

            @Override
            public void resources(Function<ServerRequest, Mono<Resource>> lookup) {
            }

            @Override
            public void attributes(Map<String, Object> attributes) {
            }

            @Override
            public void unknown(RouterFunction<?> routerFunction) {
            }
        });
        return operations;
    }

    /** The method and path a request predicate matches. */
    private record Operation(String method, String path) {

        static Operation of(RequestPredicate predicate) {
            String[] found = {"", ""};
            predicate.accept(new RequestPredicates.Visitor() {
                @Override
                public void method(Set<HttpMethod> methods) {
                    found[0] = methods.iterator().next().name();
                }

                @Override
                public void path(String pattern) {
                    found[1] = pattern;
                }

                @Override
                public void pathExtension(String extension) {
                }

                @Override
                public void header(String name, String value) {
                }

                @Override
                public void queryParam(String name, String value) {
                }

                @Override
                public void version(String version) {
                }

                @Override
                public void startAnd() {
                }

                @Override
                public void and() {
                }

                @Override
                public void endAnd() {
                }

                @Override
                public void startOr() {
                }

                @Override
                public void or() {
                }

                @Override
                public void endOr() {
                }

                @Override
                public void startNegate() {
                }

                @Override
                public void endNegate() {
                }

                @Override
                public void unknown(RequestPredicate predicate) {
                }
            });
            return new Operation(found[0], found[1]);
        }
    }
}
