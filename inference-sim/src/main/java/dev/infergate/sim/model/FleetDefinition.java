package dev.infergate.sim.model;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The simulated fleet: the servers to start, in order.
 *
 * <p>Fleet files are YAML ({@link #parse}; the format is in {@code docs/simulator.md}); their
 * {@code defaults} section is a shorthand resolved while reading, so two files describing the
 * same servers define equal fleets with the same {@link #configurationHash()}.
 *
 * @param servers at least one, with distinct names
 */
public record FleetDefinition(List<ServerSpec> servers) {

    /** The class-path resource holding {@link #defaultFleet()} as a fleet file. */
    public static final String DEFAULT_FLEET_RESOURCE = "/dev/infergate/sim/default-fleet.yaml";

    private static final String CANONICAL_VERSION = "infergate-fleet/1";

    public FleetDefinition {
        servers = List.copyOf(servers);
        if (servers.isEmpty()) {
            throw new IllegalArgumentException("servers: [] (expected: at least one server)");
        }
        Set<String> names = new HashSet<>();
        for (ServerSpec server : servers) {
            if (!names.add(server.name())) {
                throw new IllegalArgumentException("servers: two named \"" + server.name() + "\" (expected: distinct names)");
            }
        }
    }

    /**
     * The frozen default fleet: four servers serving {@code llama-3-8b-instruct} and {@code
     * qwen2-7b-instruct}, of speeds 1, 1, 0.6 and 0.4 and KV caches of 64k, 64k, 40k and 24k
     * tokens. Benchmarks name it by its hash, which a test pins: change it deliberately, with
     * {@code default-fleet.yaml} and {@code docs/simulator.md}.
     */
    public static FleetDefinition defaultFleet() {
        ServerSpec reference = ServerSpec.builder().build();
        return new FleetDefinition(List.of(
                reference.toBuilder().name("sim-0").seed(1).build(),
                reference.toBuilder().name("sim-1").seed(2).build(),
                reference.toBuilder().name("sim-2").seed(3).speed(0.6).maxBatch(24)
                        .kvCacheTokens(40_960).prefixCacheTokens(10_240).build(),
                reference.toBuilder().name("sim-3").seed(4).speed(0.4).maxBatch(16)
                        .kvCacheTokens(24_576).prefixCacheTokens(6_144).build()));
    }

    /**
     * Reads a fleet file's text.
     *
     * @throws InvalidFleetException naming the offending key and value
     */
    public static FleetDefinition parse(String yaml) {
        return FleetFileReader.read(yaml);
    }

    /**
     * Reads a fleet file.
     *
     * @throws InvalidFleetException naming the offending key and value
     * @throws UncheckedIOException when the file cannot be read
     */
    public static FleetDefinition read(Path file) {
        try {
            return parse(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the fleet file " + file, e);
        }
    }

    /** Reads {@link #DEFAULT_FLEET_RESOURCE}, which must equal {@link #defaultFleet()}. */
    static FleetDefinition readDefaultResource() {
        try (InputStream in = FleetDefinition.class.getResourceAsStream(DEFAULT_FLEET_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("Missing class-path resource " + DEFAULT_FLEET_RESOURCE);
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The server named {@code name}. */
    public Optional<ServerSpec> server(String name) {
        return servers.stream().filter(server -> server.name().equals(name)).findFirst();
    }

    /**
     * The text that {@link #configurationHash()} digests: a version line, then one line per
     * server listing every field in declaration order; strings are JSON-quoted, durations are in
     * nanoseconds and the speed is the exact decimal value of the double.
     */
    public String canonicalText() {
        StringBuilder text = new StringBuilder(CANONICAL_VERSION).append('\n');
        for (ServerSpec server : servers) {
            text.append("server")
                    .append(" name=").append(quote(server.name()))
                    .append(" models=").append(server.models().stream().map(FleetDefinition::quote)
                            .collect(Collectors.joining(",", "[", "]")))
                    .append(" speed=").append(new BigDecimal(server.speed()).stripTrailingZeros().toPlainString())
                    .append(" maxBatch=").append(server.maxBatch())
                    .append(" kvCacheTokens=").append(server.kvCacheTokens())
                    .append(" prefixCacheTokens=").append(server.prefixCacheTokens())
                    .append(" prefixBlockTokens=").append(server.prefixBlockTokens())
                    .append(" stepOverhead=").append(nanos(server.stepOverhead()))
                    .append(" prefillCostPerToken=").append(nanos(server.prefillCostPerToken()))
                    .append(" prefillBudgetPerStep=").append(server.prefillBudgetPerStep())
                    .append(" decodeCostPerSeq=").append(nanos(server.decodeCostPerSeq()))
                    .append(" defaultMaxTokens=").append(server.defaultMaxTokens())
                    .append(" seed=").append(server.seed())
                    .append(" zone=").append(quote(server.zone()))
                    .append('\n');
        }
        return text.toString();
    }

    /** The first 12 hex digits of the SHA-256 of {@link #canonicalText()}, naming the fleet in results. */
    public String configurationHash() {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(canonicalText().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest).substring(0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java platform has SHA-256", e);
        }
    }

    private static String nanos(Duration duration) {
        return duration.toNanos() + "ns";
    }

    private static String quote(String text) {
        Objects.requireNonNull(text);
        StringBuilder quoted = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> quoted.append("\\\"");
                case '\\' -> quoted.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        quoted.append(String.format("\\u%04x", (int) c));
                    } else {
                        quoted.append(c);
                    }
                }
            }
        }
        return quoted.append('"').toString();
    }
}
