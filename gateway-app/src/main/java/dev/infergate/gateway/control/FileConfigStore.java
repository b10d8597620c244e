package dev.infergate.gateway.control;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Versions as one JSON file each under {@code <data dir>/versions/}, named {@code v0000000042.json}.
 *
 * <p>A version is written to a temporary file in the same directory, forced to disk, renamed
 * atomically into place and the directory forced, so a crash leaves either the old set of files
 * or the new one. At start, leftover temporary files and version files that do not parse or whose
 * content hash does not match are skipped with a warning: the newest good version is loaded. The
 * last {@code keep} versions are kept. When no good version exists, the seed becomes the next
 * version.
 */
public final class FileConfigStore implements ConfigStore {

    private static final Logger log = LoggerFactory.getLogger(FileConfigStore.class);
    private static final String PREFIX = "v";
    private static final String SUFFIX = ".json";
    private static final String TEMP_SUFFIX = ".tmp";

    private final Path directory;
    private final Clock clock;
    private final VersionHistory versions;
    private final LiveConfigurationReader reader = new LiveConfigurationReader();
    private final LiveConfigurationWriter writer = new LiveConfigurationWriter();
    private final JsonMapper json = JsonMapper.builder().build();

    public FileConfigStore(Path dataDirectory, Clock clock, int keep, Supplier<LiveConfiguration> seed) {
        this.versions = new VersionHistory(keep);
        this.directory = dataDirectory.resolve("versions");
        this.clock = clock;
        try {
            Files.createDirectories(directory);
            load();
            if (versions.isEmpty()) {
                write(versions.create(highestFileNumber() + 1, seed.get(), "seed", "seeded from the seed file", clock));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot use the version directory " + directory.toAbsolutePath(), e);
        }
    }

    @Override
    public synchronized ConfigVersion current() {
        return versions.current();
    }

    @Override
    public synchronized List<ConfigVersion> history() {
        return versions.all();
    }

    @Override
    public synchronized Optional<ConfigVersion> version(long number) {
        return versions.find(number);
    }

    @Override
    public synchronized ConfigVersion commit(long expected, LiveConfiguration next, String author, String comment) {
        ConfigVersion version = versions.next(expected, next, author, comment, clock);
        try {
            write(version);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write version " + version.number() + " to " + directory.toAbsolutePath(), e);
        }
        return version;
    }

    private void write(ConfigVersion version) throws IOException {
        ObjectNode file = json.createObjectNode()
                .put("number", version.number())
                .put("author", version.author())
                .put("time", version.time().toString())
                .put("comment", version.comment())
                .put("contentHash", version.contentHash());
        file.set("document", writer.document(version.configuration()));
        Path target = directory.resolve(fileName(version.number()));
        Path temp = directory.resolve(fileName(version.number()) + TEMP_SUFFIX);
        try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.WRITE)) {
            ByteBuffer bytes = ByteBuffer.wrap(json.writeValueAsBytes(file));
            while (bytes.hasRemaining()) {
                channel.write(bytes);
            }
            channel.force(true);
        }
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
        forceDirectory();
        for (ConfigVersion dropped : versions.add(version)) {
            Files.deleteIfExists(directory.resolve(fileName(dropped.number())));
        }
    }

    private void load() throws IOException {
        List<Path> files;
        try (Stream<Path> listing = Files.list(directory)) {
            files = listing.sorted(Comparator.comparing(Path::getFileName).reversed()).toList();
        }
        for (Path file : files) {
            String name = file.getFileName().toString();
            if (name.endsWith(TEMP_SUFFIX)) {
                log.warn("Ignoring {}: an unfinished write (deleted)", file);
                Files.deleteIfExists(file);
            } else if (name.startsWith(PREFIX) && name.endsWith(SUFFIX)) {
                read(file).ifPresent(versions::load);
            }
        }
        if (!versions.isEmpty()) {
            log.info("Loaded live configuration version {} ({} versions kept in {})",
                    versions.current().number(), versions.all().size(), directory.toAbsolutePath());
        }
    }

    private Optional<ConfigVersion> read(Path file) {
        try {
            JsonNode node = json.readTree(Files.readAllBytes(file));
            LiveConfiguration configuration = reader.read(node.required("document"));
            String hash = node.required("contentHash").asString();
            if (!hash.equals(writer.contentHash(configuration))) {
                log.warn("Ignoring {}: its content does not match its hash", file);
                return Optional.empty();
            }
            return Optional.of(new ConfigVersion(node.required("number").asLong(), node.required("author").asString(),
                    Instant.parse(node.required("time").asString()), node.path("comment").asString(""), hash, configuration));
        } catch (IOException | RuntimeException e) {
            log.warn("Ignoring {}: it cannot be read ({})", file, e.getMessage());
            return Optional.empty();
        }
    }

    private long highestFileNumber() throws IOException {
        try (Stream<Path> listing = Files.list(directory)) {
            return listing.map(path -> path.getFileName().toString())
                    .filter(name -> name.startsWith(PREFIX) && name.endsWith(SUFFIX))
                    .mapToLong(name -> parseNumber(name))
                    .max().orElse(0);
        }
    }

    private static long parseNumber(String name) {
        try {
            return Long.parseLong(name.substring(PREFIX.length(), name.length() - SUFFIX.length()));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private void forceDirectory() throws IOException {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }

    private static String fileName(long number) {
        return PREFIX + String.format("%010d", number) + SUFFIX;
    }
}
