package dev.infergate.sim.engine;

import java.time.Duration;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The simplest timing: a fixed time to first token and a fixed time per further token, both
 * divided by the speed. Requests never wait for each other.
 */
public final class FixedTimingEngine implements GenerationEngine {

    private final Duration timeToFirstToken;
    private final Duration timePerToken;
    private volatile double speed = 1.0;

    public FixedTimingEngine(Duration timeToFirstToken, Duration timePerToken) {
        this.timeToFirstToken = timeToFirstToken;
        this.timePerToken = timePerToken;
    }

    @Override
    public Flux<Integer> generate(GenerationJob job) {
        return Flux.range(0, job.maxTokens())
                .concatMap(index -> Mono.delay(scaled(index == 0 ? timeToFirstToken : timePerToken)).thenReturn(index), 1);
    }

    private Duration scaled(Duration nominal) {
        return Duration.ofNanos(Math.round(nominal.toNanos() / speed));
    }

    @Override
    public void setSpeed(double speed) {
        if (!(speed > 0)) {
            throw new IllegalArgumentException("speed: " + speed + " (expected: > 0)");
        }
        this.speed = speed;
    }

    @Override
    public double speed() {
        return speed;
    }
}
