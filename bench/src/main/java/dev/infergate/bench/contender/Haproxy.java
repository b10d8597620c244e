package dev.infergate.bench.contender;

import dev.infergate.bench.process.Executables;
import dev.infergate.bench.process.Launched;
import dev.infergate.bench.process.Role;
import dev.infergate.bench.process.OpenFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** HAProxy in front of the backend, with the configuration of {@link HaproxyConfig}, in the foreground. */
final class Haproxy implements Contender {

    @Override
    public String name() {
        return "haproxy";
    }

    @Override
    public Running launch(ContenderContext context) {
        String haproxy = Executables.require("haproxy", "haproxy").toString();
        Path dir = context.workDir().resolve("haproxy");
        int http1 = context.ports().next();
        int h2c = context.ports().next();
        HaproxyConfig config = new HaproxyConfig(dir, http1, h2c, List.of(context.backend().address()), "roundrobin",
                HaproxyConfig.maxconnFor(OpenFiles.hardLimit()));
        Path file = dir.resolve("haproxy.cfg");
        try {
            Files.createDirectories(dir);
            Files.writeString(file, config.render(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Launched launched = context.supervisor().start(name(), Role.SYSTEM, List.of(haproxy, "-db", "-f", file.toString()),
                dir);
        return new Running(name(), "reverse proxy (HTTP mode), upstream keep-alive", URI.create("http://127.0.0.1:" + http1),
                URI.create("http://127.0.0.1:" + h2c), launched.handle(), false, launched);
    }
}
