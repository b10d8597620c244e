package dev.infergate.bench.contender;

import dev.infergate.bench.process.Executables;
import dev.infergate.bench.process.Launched;
import dev.infergate.bench.process.Role;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Infergate itself ({@code gateway-app/target/infergate.jar}) on a generated live configuration:
 * one static pool with the backend, one route. Two variants: without policies, and with the
 * {@link FullChain}. The upstream pool's limits are raised to 16 384 connections so that the
 * streaming and capacity sets measure the gateway, not a cap that is there for production safety.
 */
final class Infergate implements Contender {

    static final String JAR = "gateway-app/target/infergate.jar";

    private final String name;
    private final boolean fullChain;

    Infergate(String name, boolean fullChain) {
        this.name = name;
        this.fullChain = fullChain;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Running launch(ContenderContext context) {
        Path jar = context.root().resolve(JAR);
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing; build it with ./mvnw -pl bench -am package -DskipTests");
        }
        Path dir = context.workDir().resolve(name);
        Path seed = dir.resolve("live-configuration.yaml");
        String yaml = fullChain
                ? InfergateSeed.yaml(context.backend().address(), FullChain.ROUTE_FILTERS, FullChain.SECTIONS)
                : InfergateSeed.yaml(context.backend().address(), List.of(), Map.of());
        try {
            Files.createDirectories(dir);
            Files.writeString(seed, yaml, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        int port = context.ports().next();
        int managementPort = context.ports().next();
        List<String> command = new ArrayList<>(List.of(Executables.java()));
        command.addAll(context.jvmFlags().flags());
        command.addAll(List.of("-jar", jar.toString(),
                "--infergate.seed=" + seed,
                "--infergate.data-dir=" + dir.resolve("data"),
                "--server.port=" + port,
                "--management.server.port=" + managementPort,
                "--spring.cloud.gateway.server.webflux.httpclient.pool.max-connections=16384",
                "--infergate.upstream.pending-acquire-max-count=16384"));
        Launched launched = context.supervisor().start(name, Role.SYSTEM, command, dir);
        URI base = URI.create("http://127.0.0.1:" + port);
        return new Running(name, fullChain ? FullChain.describe() : FullChain.describeNone(), base, base,
                launched.handle(), true, launched);
    }
}
