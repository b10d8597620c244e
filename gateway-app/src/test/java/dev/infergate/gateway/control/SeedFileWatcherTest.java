package dev.infergate.gateway.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.boot.webflux.autoconfigure.WebFluxProperties;
import org.springframework.cloud.gateway.handler.predicate.PathRoutePredicateFactory;
import org.springframework.cloud.gateway.support.ConfigurationService;
import org.springframework.core.convert.support.DefaultConversionService;
import org.junit.jupiter.api.io.TempDir;

/** Hand edits of the seed file go through the same validator as every other change. */
final class SeedFileWatcherTest {

    private static final String SEED = """
            pools: [{name: chat, static: ["127.0.0.1:8001"]}]
            routes: [{id: chat, uri: "lb://chat", predicates: ["Path=/v1/**"]}]
            """;

    @TempDir
    Path directory;

    private final List<LiveConfiguration> published = new CopyOnWriteArrayList<>();

    private LiveConfigurationService service(Path data, Path seed) {
        ConfigStore store = new FileConfigStore(data, Clock.systemUTC(), 10, () -> new LiveConfigurationReader().read(SeedFile.read(seed.toString())));
        LiveConfigurationHolder holder = new LiveConfigurationHolder(store.current().configuration(),
                event -> published.add(((LiveConfigurationChanged) event).configuration()));
        RouteCompiler compiler = new RouteCompiler(List.of(new PathRoutePredicateFactory(new WebFluxProperties())), List.of(),
                new ConfigurationService(new DefaultListableBeanFactory(), DefaultConversionService::getSharedInstance, () -> null),
                new UpstreamUriPolicy(UpstreamUriPolicy.DEFAULT_SCHEMES, () -> 9090));
        return new LiveConfigurationService(store, new ConfigurationValidator(compiler, (pool, pointer) -> List.of(), List.of(), List.of()), holder);
    }

    @Test
    void aValidEditBecomesTheNextVersionAndAnInvalidOneIsRejected() throws IOException {
        Path seed = Files.writeString(directory.resolve("routes.yaml"), SEED);
        Path data = directory.resolve("data");
        LiveConfigurationService service = service(data, seed);
        SeedFileWatcher watcher = new SeedFileWatcher(seed, data, service);
        assertThat(watcher.check()).isFalse();

        Files.writeString(seed, SEED.replace("8001", "8002"));
        assertThat(watcher.check()).isTrue();
        assertThat(service.current().number()).isEqualTo(2);
        assertThat(service.current().author()).isEqualTo("seed-file");
        assertThat(published).hasSize(1);

        Files.writeString(seed, SEED.replace("lb://chat", "lb://nowhere"));
        assertThat(watcher.check()).isTrue();
        assertThat(service.current().number()).isEqualTo(2);
        assertThat(published).hasSize(1);
        assertThat(watcher.check()).isFalse();
    }
}
