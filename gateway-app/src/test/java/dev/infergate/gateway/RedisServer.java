package dev.infergate.gateway;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * A real {@code redis-server} on a free loopback port, without persistence, for tests of the
 * Redis-backed limits; {@code scripts/install-test-tools} installs it. Restarting keeps the port
 * and loses every key, as a Redis without persistence does.
 */
final class RedisServer implements AutoCloseable {

    private final int port;
    private Process process;

    private RedisServer(int port) {
        this.port = port;
        this.process = launch(port);
    }

    static RedisServer start() {
        return new RedisServer(Upstreams.refusedPort());
    }

    String uri() {
        return "redis://127.0.0.1:" + port;
    }

    void stop() {
        process.destroy();
        await().atMost(Duration.ofSeconds(10)).until(() -> !process.isAlive() && !answersPing(port));
    }

    void restart() {
        process = launch(port);
    }

    @Override
    public void close() {
        process.destroy();
        await().atMost(Duration.ofSeconds(10)).until(() -> !process.isAlive());
    }

    private static Process launch(int port) {
        try {
            Process process = new ProcessBuilder("redis-server", "--port", Integer.toString(port), "--bind", "127.0.0.1",
                    "--save", "", "--appendonly", "no").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(50)).until(() -> answersPing(port));
            return process;
        } catch (IOException e) {
            throw new UncheckedIOException("redis-server could not start; run scripts/install-test-tools", e);
        }
    }

    private static boolean answersPing(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
            socket.setSoTimeout(500);
            OutputStream out = socket.getOutputStream();
            out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            byte[] answer = new byte[7];
            int read = in.readNBytes(answer, 0, 7);
            return new String(answer, 0, read, StandardCharsets.US_ASCII).startsWith("+PONG");
        } catch (IOException notYet) {
            return false;
        }
    }
}
