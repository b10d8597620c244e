package dev.infergate.gateway.control;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds a file of the embedded default: the path given (relative to the working directory), or
 * when it does not exist, the copy of {@code config/} packaged in the jar under
 * {@code infergate-default/}.
 */
public final class SeedFile {

    private static final Logger log = LoggerFactory.getLogger(SeedFile.class);
    private static final String PACKAGED = "infergate-default/";

    private SeedFile() {
    }

    public static String read(String path) {
        Path file = Path.of(path);
        if (Files.isRegularFile(file)) {
            log.info("Reading {}", file.toAbsolutePath());
            try {
                return Files.readString(file, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read " + file.toAbsolutePath(), e);
            }
        }
        String resource = PACKAGED + file.getFileName();
        try (InputStream packaged = SeedFile.class.getClassLoader().getResourceAsStream(resource)) {
            if (packaged == null) {
                throw new IllegalStateException("Neither " + file.toAbsolutePath() + " nor the packaged " + resource + " exists");
            }
            log.info("{} does not exist; reading the packaged default {}", file.toAbsolutePath(), resource);
            return new String(packaged.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the packaged " + resource, e);
        }
    }
}
