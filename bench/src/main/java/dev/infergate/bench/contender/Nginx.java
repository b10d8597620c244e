package dev.infergate.bench.contender;

import dev.infergate.bench.process.Executables;
import dev.infergate.bench.process.Launched;
import dev.infergate.bench.process.OpenFiles;
import dev.infergate.bench.process.Role;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** nginx in front of the backend, with the configuration of {@link NginxConfig}, run as the current user. */
final class Nginx implements Contender {

    @Override
    public String name() {
        return "nginx";
    }

    @Override
    public Running launch(ContenderContext context) {
        String nginx = Executables.require("nginx", "nginx-light").toString();
        Path dir = context.workDir().resolve("nginx");
        int http1 = context.ports().next();
        int h2c = context.ports().next();
        NginxConfig config = new NginxConfig(dir, http1, h2c, List.of(context.backend().address()), "",
                System.getProperty("user.name"), OpenFiles.hardLimit());
        Path file = dir.resolve("nginx.conf");
        try {
            Files.createDirectories(dir);
            Files.writeString(file, config.render(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Launched launched = context.supervisor().start(name(), Role.SYSTEM,
                List.of(nginx, "-p", dir.toString(), "-c", file.toString(), "-e", dir.resolve("error.log").toString()),
                dir);
        return new Running(name(), "reverse proxy, upstream keep-alive, proxy_buffering off for /sse",
                URI.create("http://127.0.0.1:" + http1), URI.create("http://127.0.0.1:" + h2c), launched.handle(), false,
                launched);
    }
}
