package dev.infergate.gateway.admin;

import java.time.Duration;
import java.util.function.Supplier;
import org.springframework.context.SmartLifecycle;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.web.reactive.function.BodyInserters;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code GET /admin/api/live}: a server-sent event {@code live} about once a period with what the
 * console shows live. One shared ticker builds and serialises each snapshot once, whatever the
 * number of open consoles; it runs while at least one subscriber listens and a new subscriber
 * gets the latest snapshot at once. A slow subscriber skips snapshots rather than queueing them.
 * Streams end when the gateway stops, so that graceful shutdown does not wait for open consoles.
 */
final class LiveFeed implements SmartLifecycle {

    static final String EVENT = "live";

    private final Sinks.Empty<Void> stopped = Sinks.empty();
    private final Flux<String> snapshots;
    private volatile boolean running;

    LiveFeed(Supplier<?> snapshot, JsonMapper json, Duration period) {
        this.snapshots = Flux.interval(Duration.ZERO, period)
                .onBackpressureDrop()
                .map(tick -> json.writeValueAsString(snapshot.get()))
                .takeUntilOther(stopped.asMono())
                .replay(1)
                .refCount();
    }

    Mono<ServerResponse> stream(ServerRequest request) {
        Flux<ServerSentEvent<String>> events = snapshots.onBackpressureLatest()
                .map(data -> ServerSentEvent.builder(data).event(EVENT).build());
        return ServerResponse.ok().contentType(MediaType.TEXT_EVENT_STREAM).cacheControl(CacheControl.noStore())
                .body(BodyInserters.fromServerSentEvents(events));
    }

    @Override
    public void start() {
        running = true;
    }

    @Override
    public void stop() {
        running = false;
        stopped.tryEmitEmpty();
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
