package dev.infergate.bench.contender;

import dev.infergate.bench.process.Executables;
import dev.infergate.bench.process.Launched;
import dev.infergate.bench.process.Role;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Spring Cloud Gateway from its starter with one route to the backend ({@code bench/vanilla-scg}),
 * same JVM flags as Infergate.
 */
final class VanillaScg implements Contender {

    static final String JAR = "bench/vanilla-scg/target/vanilla-scg.jar";

    @Override
    public String name() {
        return "vanilla-scg";
    }

    @Override
    public Running launch(ContenderContext context) {
        Path jar = context.root().resolve(JAR);
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing; build it with ./mvnw -pl bench -am package -DskipTests");
        }
        int port = context.ports().next();
        List<String> command = new ArrayList<>(List.of(Executables.java()));
        command.addAll(context.jvmFlags().flags());
        command.addAll(List.of("-jar", jar.toString(), "--server.port=" + port, "--bench.backend=" + context.backend().base()));
        Launched launched = context.supervisor().start(name(), Role.SYSTEM, command, context.workDir());
        URI base = URI.create("http://127.0.0.1:" + port);
        return new Running(name(), "one route, Spring Cloud Gateway's default global filters", base, base,
                launched.handle(), true, launched);
    }
}
