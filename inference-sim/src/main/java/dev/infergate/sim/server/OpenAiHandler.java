package dev.infergate.sim.server;

import dev.infergate.sim.engine.GenerationEngine;
import dev.infergate.sim.engine.GenerationJob;
import dev.infergate.sim.engine.PromptTokens;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;
import tools.jackson.databind.json.JsonMapper;

/** {@code POST /v1/chat/completions} and {@code POST /v1/completions}, as JSON or as an SSE stream. */
final class OpenAiHandler {

    private final SimContext context;

    OpenAiHandler(SimContext context) {
        this.context = context;
    }

    Mono<Void> handle(OpenAiRequest.Kind kind, HttpServerRequest request, HttpServerResponse response) {
        RequestOutcome outcome = new RequestOutcome(context.stats());
        LoadReports.attachHeader(request, response, context.engine());
        return request.receive().aggregate().asByteArray().defaultIfEmpty(new byte[0])
                .flatMap(body -> respond(kind, body, response, outcome))
                .doOnCancel(outcome::cancelled);
    }

    private Mono<Void> respond(OpenAiRequest.Kind kind, byte[] body, HttpServerResponse response, RequestOutcome outcome) {
        JsonMapper json = context.json();
        OpenAiRequest parsed;
        try {
            parsed = OpenAiRequest.parse(kind, body, json, Set.copyOf(context.models()));
        } catch (InvalidRequest invalid) {
            outcome.faulted();
            return Replies.json(response, invalid.status(), OpenAiResponses.error(json, invalid));
        }
        int outputTokens = parsed.maxTokens() != null ? parsed.maxTokens() : context.defaultMaxTokens();
        OpenAiResponses responses = new OpenAiResponses(json, parsed, new SeededText(context.seed(), body),
                outputTokens, PromptTokens.count(parsed.prompt()));
        GenerationJob job = new GenerationJob(parsed.model(), parsed.prompt(), outputTokens);
        Optional<String> refusal = context.engine().refusal(job);
        if (refusal.isPresent()) {
            outcome.faulted();
            return Replies.json(response, 400, OpenAiResponses.error(json, InvalidRequest.badRequest(refusal.get(),
                    kind == OpenAiRequest.Kind.CHAT ? "messages" : "prompt")));
        }
        Mono<Void> normal = parsed.stream()
                ? stream(parsed, job, responses, response, outcome)
                : complete(job, responses, response, outcome);
        return context.faultInjection().around(response, outcome,
                (status, message) -> OpenAiResponses.error(json,
                        new InvalidRequest(status, "server_error", message, null, null)),
                normal);
    }

    private Mono<Void> complete(GenerationJob job, OpenAiResponses responses, HttpServerResponse response,
            RequestOutcome outcome) {
        GenerationEngine engine = context.engine();
        return engine.generate(job)
                .doOnNext(token -> context.stats().onTokenEmitted())
                .then(Mono.defer(() -> Replies.json(response, 200, responses.completion())))
                .doOnSuccess(done -> outcome.completed());
    }

    private Mono<Void> stream(OpenAiRequest parsed, GenerationJob job, OpenAiResponses responses,
            HttpServerResponse response, RequestOutcome outcome) {
        Flux<String> tokenEvents = context.engine().generate(job)
                .concatMap(index -> index == 0
                        ? Mono.just(index)
                        : context.faults().whenReleased().thenReturn(index))
                .map(index -> {
                    context.stats().onTokenEmitted();
                    return responses.tokenEvent(index);
                });
        Flux<String> tail = Flux.defer(() -> parsed.includeUsage()
                ? Flux.just(responses.finishEvent(), responses.usageEvent(job.maxTokens()), OpenAiResponses.doneEvent())
                : Flux.just(responses.finishEvent(), OpenAiResponses.doneEvent()));
        Flux<String> events = resetAfter(tokenEvents.concatWith(tail), response, outcome)
                .doOnComplete(outcome::completed);
        return Replies.eventStream(response, events);
    }

    /** With the reset switch set, the connection is reset after that many events. */
    private Flux<String> resetAfter(Flux<String> events, HttpServerResponse response, RequestOutcome outcome) {
        int resetAfter = context.faults().current().resetAfterChunks();
        if (resetAfter == 0) {
            return events;
        }
        AtomicInteger sent = new AtomicInteger();
        return events.take(resetAfter)
                .doOnNext(event -> sent.incrementAndGet())
                .concatWith(Mono.defer(() -> {
                    if (sent.get() < resetAfter) {
                        return Mono.empty(); // the stream ended before the reset point
                    }
                    outcome.faulted();
                    Replies.reset(response);
                    return Mono.never();
                }));
    }
}
