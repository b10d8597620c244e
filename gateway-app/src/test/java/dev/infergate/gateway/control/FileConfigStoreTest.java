package dev.infergate.gateway.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class FileConfigStoreTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-26T10:00:00Z"), ZoneOffset.UTC);
    private static final LiveConfigurationReader READER = new LiveConfigurationReader();
    private static final LiveConfiguration SEED = READER.read("""
            pools: [{name: chat, static: ["127.0.0.1:8001"]}]
            routes: [{id: chat, uri: "lb://chat", predicates: ["Path=/v1/**"]}]
            """);
    private static final LiveConfiguration CHANGED = READER.read("""
            pools: [{name: chat, static: ["127.0.0.1:8002"]}]
            routes: [{id: chat, uri: "lb://chat", predicates: ["Path=/v1/**"]}]
            """);

    @TempDir
    Path data;

    private FileConfigStore open(int keep) {
        return new FileConfigStore(data, CLOCK, keep, () -> SEED);
    }

    @Test
    void anEmptyDirectoryIsSeededAsVersionOne() {
        ConfigVersion seeded = open(10).current();

        assertThat(seeded.number()).isEqualTo(1);
        assertThat(seeded.author()).isEqualTo("seed");
        assertThat(seeded.configuration()).isEqualTo(SEED);
        assertThat(seeded.contentHash()).isEqualTo(new LiveConfigurationWriter().contentHash(SEED));
    }

    @Test
    void versionsAndHistorySurviveARestart() {
        FileConfigStore store = open(10);
        store.commit(1, CHANGED, "alice", "move chat");

        FileConfigStore reopened = open(10);

        assertThat(reopened.current().number()).isEqualTo(2);
        assertThat(reopened.current().configuration()).isEqualTo(CHANGED);
        assertThat(reopened.history()).extracting(ConfigVersion::number, ConfigVersion::author, ConfigVersion::comment)
                .containsExactly(tuple(2L, "alice", "move chat"),
                        tuple(1L, "seed", "seeded from the seed file"));
    }

    @Test
    void aLeftoverTempFileAndATruncatedNewestVersionAreIgnoredAndTheLastGoodVersionLoads() throws IOException {
        FileConfigStore store = open(10);
        store.commit(1, CHANGED, "alice", "");
        Path versions = data.resolve("versions");
        Files.writeString(versions.resolve("v0000000003.json.tmp"), "{\"number\": 3, \"docu");
        Path newest = versions.resolve("v0000000003.json");
        byte[] complete = Files.readAllBytes(versions.resolve("v0000000002.json"));
        Files.write(newest, Arrays.copyOf(complete, complete.length / 2));

        FileConfigStore reopened = open(10);

        assertThat(reopened.current().number()).isEqualTo(2);
        assertThat(reopened.current().configuration()).isEqualTo(CHANGED);
        assertThat(Files.exists(versions.resolve("v0000000003.json.tmp"))).isFalse();
    }

    @Test
    void aVersionFileWhoseContentWasAlteredIsIgnored() throws IOException {
        open(10).commit(1, CHANGED, "alice", "");
        Path newest = data.resolve("versions").resolve("v0000000002.json");
        Files.writeString(newest, Files.readString(newest).replace("127.0.0.1:8002", "127.0.0.1:9999"));

        assertThat(open(10).current().number()).isEqualTo(1);
    }

    @Test
    void aStaleCommitIsRefusedAndStoresNothing() {
        FileConfigStore store = open(10);
        store.commit(1, CHANGED, "alice", "");

        assertThatThrownBy(() -> store.commit(1, SEED, "bob", ""))
                .isInstanceOf(StaleVersionException.class)
                .hasMessage("expected version 1 but the current version is 2");
        assertThat(open(10).current().number()).isEqualTo(2);
    }

    @Test
    void onlyTheLastVersionsAreKept() throws IOException {
        FileConfigStore store = open(3);
        for (long version = 1; version <= 5; version++) {
            store.commit(version, version % 2 == 0 ? SEED : CHANGED, "alice", "");
        }

        assertThat(store.history()).extracting(ConfigVersion::number).containsExactly(6L, 5L, 4L);
        try (var files = Files.list(data.resolve("versions"))) {
            assertThat(files.map(path -> path.getFileName().toString()).sorted().toList())
                    .isEqualTo(List.of("v0000000004.json", "v0000000005.json", "v0000000006.json"));
        }
    }
}
