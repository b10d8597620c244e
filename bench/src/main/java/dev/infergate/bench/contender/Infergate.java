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

/**
 * Infergate itself ({@code gateway-app/target/infergate.jar}) on a generated live configuration:
 * one static pool with the backend, one route with the given {@link InfergatePolicies}; optionally
 * with its rate-limit buckets in a {@link RedisServer} of its own. The upstream pool's limits are raised to 16 384 connections so that the
 * streaming and capacity sets measure the gateway, not a cap that is there for production safety.
 */
final class Infergate implements Contender {

    static final String JAR = "gateway-app/target/infergate.jar";

    private final String name;
    private final InfergatePolicies policies;
    private final boolean redisStore;

    Infergate(String name, InfergatePolicies policies, boolean redisStore) {
        this.name = name;
        this.policies = policies;
        this.redisStore = redisStore;
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
        String yaml = InfergateSeed.yaml(context.backend().address(), policies);
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
        if (redisStore) {
            int redisPort = RedisServer.start(context, name + "-redis");
            command.addAll(List.of("--infergate.ratelimit.store=redis",
                    "--infergate.ratelimit.redis-uri=redis://127.0.0.1:" + redisPort));
        }
        Launched launched = context.supervisor().start(name, Role.SYSTEM, command, dir);
        URI base = URI.create("http://127.0.0.1:" + port);
        return new Running(name, policies.description(), base, base,
                launched.handle(), true, launched);
    }
}
