package dev.infergate.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.infergate.sim.SimServer;
import io.netty.buffer.Unpooled;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;

/** Stopping the gateway lets an open stream finish and refuses new connections meanwhile. */
final class GracefulShutdownIT {

    @Test
    void anOpenStreamCompletesWhileTheGatewayShutsDown() throws Exception {
        try (SimServer upstream = Upstreams.simulator("shutdown-upstream", 31)) {
            ConfigurableApplicationContext gateway = new SpringApplicationBuilder(InfergateApplication.class).run(
                    "--server.port=0", "--management.server.port=0",
                    "--infergate.seed=" + Upstreams.seed("""
                            pools: [{name: chat, static: [%s]}]
                            routes: [{id: openai, uri: "lb://chat", predicates: ["Path=/v1/**"]}]
                            """.formatted(upstream.address())));
            int port = ((WebServerApplicationContext) gateway).getWebServer().getPort();
            upstream.faults().hold();
            List<String> received = new CopyOnWriteArrayList<>();
            Disposable stream = HttpClient.newConnection().post().uri("http://127.0.0.1:" + port + "/v1/chat/completions")
                    .send(Mono.fromSupplier(() -> Unpooled.copiedBuffer("""
                            {"model":"llama-3-8b-instruct","messages":[{"content":"bye"}],"max_tokens":5,"stream":true}""",
                            StandardCharsets.UTF_8)))
                    .response((response, body) -> body.asString())
                    .subscribe(received::add);
            await().until(() -> !received.isEmpty());

            CompletableFuture<Void> closing = CompletableFuture.runAsync(gateway::close);
            await().atMost(Duration.ofSeconds(20)).until(() -> !accepts(port));
            assertThat(closing).isNotDone();

            upstream.faults().release();
            await().until(() -> String.join("", received).endsWith("data: [DONE]\n\n"));
            closing.get(30, TimeUnit.SECONDS);
            assertThat(String.join("", received).split("\n\n")).hasSize(5 + 2);
            stream.dispose();
        }
    }

    private static boolean accepts(int port) {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            return true;
        } catch (IOException refused) {
            return false;
        }
    }
}
