package dev.infergate.gateway.control;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;

/**
 * Picks up hand edits of the seed file through the same writer path as every other change.
 *
 * <p>The hash of the seed last applied is kept in the data directory. At start and then on an
 * interval, a seed whose content differs from it is validated and committed as a new version
 * (author {@code seed-file}); an invalid edit is logged with its problems and the live version
 * stays. Polling, not a file-system watch: editors replace files in ways watch services report
 * inconsistently, and an interval of seconds is fast enough for hand edits.
 */
public final class SeedFileWatcher implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(SeedFileWatcher.class);

    private final Path seed;
    private final Path appliedHashFile;
    private final LiveConfigurationService service;
    private final LiveConfigurationReader reader = new LiveConfigurationReader();
    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "seed-file-watcher");
        thread.setDaemon(true);
        return thread;
    });

    public SeedFileWatcher(Path seed, Path dataDirectory, LiveConfigurationService service) {
        this.seed = seed;
        this.appliedHashFile = dataDirectory.resolve("seed-applied.sha256");
        this.service = service;
    }

    /** Checks once now, then every {@code interval}. */
    public void start(Duration interval) {
        check();
        executor.scheduleWithFixedDelay(this::checkQuietly, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Applies the seed file when it changed since it was last applied; returns whether it did. */
    public synchronized boolean check() {
        if (!Files.isRegularFile(seed)) {
            return false;
        }
        try {
            String text = Files.readString(seed, StandardCharsets.UTF_8);
            String hash = sha256(text);
            if (Files.isRegularFile(appliedHashFile) && Files.readString(appliedHashFile).strip().equals(hash)) {
                return false;
            }
            if (!Files.isRegularFile(appliedHashFile) && service.current().author().equals("seed")
                    && service.current().number() == 1) {
                remember(hash); // the store was just seeded from this very file
                return false;
            }
            try {
                ConfigVersion version = service.commit(service.current().number(), reader.parse(text), "seed-file",
                        "edited " + seed.getFileName());
                log.info("Applied the edited seed file {} as version {}", seed, version.number());
            } catch (InvalidConfigurationException invalid) {
                log.warn("Rejected the edited seed file {}; version {} stays live. Problems: {}", seed,
                        service.current().number(), invalid.getMessage());
            }
            remember(hash);
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the seed file " + seed, e);
        }
    }

    private void checkQuietly() {
        try {
            check();
        } catch (RuntimeException e) {
            log.warn("Checking the seed file {} failed: {}", seed, e.getMessage());
        }
    }

    private void remember(String hash) throws IOException {
        Files.createDirectories(appliedHashFile.getParent());
        Files.writeString(appliedHashFile, hash + "\n");
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    @Override
    public void destroy() {
        executor.shutdownNow();
    }
}
