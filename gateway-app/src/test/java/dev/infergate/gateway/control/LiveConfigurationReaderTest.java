package dev.infergate.gateway.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

final class LiveConfigurationReaderTest {

    private final LiveConfigurationReader reader = new LiveConfigurationReader();

    @Test
    void readsRoutesInShortcutAndFullFormWithPoolsAndSections() {
        LiveConfiguration configuration = reader.read("""
                pools:
                  - {name: chat, strategy: least-request, static: ["127.0.0.1:8001", "127.0.0.1:8002"]}
                  - {name: demo, discovery: demo}
                routes:
                  - id: openai
                    uri: lb://chat
                    order: 5
                    predicates: [Path=/v1/**]
                    filters: [{name: AddRequestHeader, args: {name: X-A, value: b}}]
                    metadata: {response-timeout: 3000}
                sections:
                  limits: {tenants: 3}
                """);

        assertThat(configuration.routes()).singleElement().satisfies(route -> {
            assertThat(route.getId()).isEqualTo("openai");
            assertThat(route.getUri()).isEqualTo(URI.create("lb://chat"));
            assertThat(route.getOrder()).isEqualTo(5);
            assertThat(route.getPredicates().get(0).getName()).isEqualTo("Path");
            assertThat(route.getPredicates().get(0).getArgs()).containsValue("/v1/**");
            assertThat(route.getFilters().get(0).getArgs()).containsEntry("name", "X-A").containsEntry("value", "b");
            assertThat(route.getMetadata()).containsEntry("response-timeout", 3000);
        });
        assertThat(configuration.pool("chat")).get().satisfies(pool -> {
            assertThat(pool.strategy()).isEqualTo("least-request");
            assertThat(pool.source()).isEqualTo(new PoolDefinition.StaticEndpoints(
                    List.of("127.0.0.1:8001", "127.0.0.1:8002")));
        });
        assertThat(configuration.pool("demo")).get().extracting(PoolDefinition::strategy).isEqualTo("round-robin");
        assertThat(configuration.sections()).containsKey("limits");
    }

    @Test
    void reportsEveryProblemAtOnceWithAPointerToEach() {
        InvalidConfigurationException error = catchThrowableOfType(InvalidConfigurationException.class, () -> reader.read("""
                pools:
                  - {name: chat, static: [nohost], discovery: demo}
                  - {name: chat, static: ["h:1"]}
                routes:
                  - {uri: "lb://nowhere", predicates: [Path], colour: red}
                """));

        assertThat(error.problems()).extracting(ConfigurationProblem::toString).containsExactlyInAnyOrder(
                "/routes/0/colour: unknown field; expected one of [filters, id, metadata, order, predicates, split, uri]",
                "/routes/0/id: required, a non-empty string",
                "/routes/0/predicates/0: expected the shortcut form Name=args: Unable to parse PredicateDefinition text 'Path', must be of the form name=value",
                "/pools/0: expected exactly one endpoint source: static: [host:port, ...] or discovery: demo",
                "/pools/1/name: duplicate pool name chat",
                "/routes/0/uri: unknown pool nowhere; expected one of [chat]");
    }

    @Test
    void aDuplicateKeyIsNotSilentlyMerged() {
        InvalidConfigurationException error = catchThrowableOfType(InvalidConfigurationException.class,
                () -> reader.read("routes: []\nroutes: []\n"));

        assertThat(error.getMessage()).isEqualTo(": not valid YAML: Duplicate Object property \"routes\"");
    }

    @Test
    void anEmptyDocumentHasNoRoutesAndNoPools() {
        assertThat(reader.read("")).isEqualTo(new LiveConfiguration(List.of(), List.of(), Map.of()));
    }
}
