package dev.infergate.bench.contender;

import dev.infergate.bench.process.Executables;
import dev.infergate.bench.process.Launched;
import dev.infergate.bench.process.Role;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

/**
 * A {@code redis-server} for the contenders that keep their rate-limit buckets in Redis: on
 * loopback, a free port, no persistence, pinned with the system under test. It is stopped with
 * everything else the supervisor started.
 */
final class RedisServer {

    private RedisServer() {
    }

    /** Starts the server and returns its port once it answers {@code PING}. */
    static int start(ContenderContext context, String name) {
        String redis = Executables.require("redis-server", "redis-server").toString();
        Path dir = context.workDir().resolve(name);
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        int port = context.ports().next();
        Launched launched = context.supervisor().start(name, Role.SYSTEM, List.of(redis, "--bind", "127.0.0.1",
                "--port", Integer.toString(port), "--save", "", "--appendonly", "no", "--dir", dir.toString()), dir);
        awaitPong(port, launched, Duration.ofSeconds(20));
        return port;
    }

    private static void awaitPong(int port, Launched launched, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = "no answer";
        while (System.nanoTime() - deadline < 0) {
            if (!launched.alive()) {
                throw new IllegalStateException("redis-server exited; its output ends with:\n" + launched.logTail(20));
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 1_000);
                socket.setSoTimeout(1_000);
                socket.getOutputStream().write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
                InputStream in = socket.getInputStream();
                byte[] answer = in.readNBytes(7);
                if (new String(answer, StandardCharsets.US_ASCII).equals("+PONG\r\n")) {
                    return;
                }
                last = "answer " + new String(answer, StandardCharsets.US_ASCII).strip();
            } catch (IOException e) {
                last = e.toString();
            }
            LockSupport.parkNanos(50_000_000);
        }
        throw new IllegalStateException("redis-server did not answer PING on port " + port + " (last: " + last + ")");
    }
}
