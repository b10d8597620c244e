package dev.infergate.routing.core.canary;

import reactor.core.publisher.Mono;

/** Breaks the algorithm rule on purpose: the architecture canary must reject it. */
public final class FrameworkTypedAlgorithm {

    public Mono<Integer> pick() {
        return Mono.just(1);
    }
}
