package dev.infergate.sim.model;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * One simulated inference server: what it serves and how fast its step loop runs.
 *
 * <p>A step costs {@code (stepOverhead + prefillCostPerToken × prefill tokens + decodeCostPerSeq
 * × decoding sequences) / speed}; see {@link ServerModel} for the loop and the rounding. Each
 * field is validated by the compact constructor, whose messages name the field, the value and
 * what was expected, e.g. {@code maxBatch: 0 (expected: > 0)}.
 *
 * @param name identifies the server in the fleet, logs and metrics: letters, digits, {@code .},
 *     {@code _} or {@code -}
 * @param models the model names the server answers for (at least one, distinct)
 * @param speed a divisor of every step's cost: 1 is the reference GPU, 0.5 takes twice as long
 * @param maxBatch the most sequences running at once (vLLM's {@code max_num_seqs})
 * @param kvCacheTokens KV-cache capacity; a request reserves its prompt plus its output tokens
 * @param prefixCacheTokens budget of the prefix cache's LRU, in tokens; 0 disables it
 * @param prefixBlockTokens tokens per prefix-cache block (vLLM's {@code block_size})
 * @param stepOverhead fixed cost of every step (weights read, scheduling, sampling)
 * @param prefillCostPerToken cost of each prompt token computed in a step
 * @param prefillBudgetPerStep most prompt tokens computed in one step, across sequences
 *     (chunked prefill)
 * @param decodeCostPerSeq cost of each sequence decoding one token in a step
 * @param defaultMaxTokens output length of a request that does not state {@code max_tokens}
 * @param seed seed for the server's pseudo-random choices (e.g. the generated text); the
 *     queueing model itself is deterministic and does not use it
 * @param zone the locality the server reports; {@code local} when not configured
 */
public record ServerSpec(
        String name,
        List<String> models,
        double speed,
        int maxBatch,
        int kvCacheTokens,
        int prefixCacheTokens,
        int prefixBlockTokens,
        Duration stepOverhead,
        Duration prefillCostPerToken,
        int prefillBudgetPerStep,
        Duration decodeCostPerSeq,
        int defaultMaxTokens,
        long seed,
        String zone) {

    /** The zone of a server whose configuration does not name one. */
    public static final String DEFAULT_ZONE = "local";

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]+");

    public ServerSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(models, "models");
        Objects.requireNonNull(stepOverhead, "stepOverhead");
        Objects.requireNonNull(prefillCostPerToken, "prefillCostPerToken");
        Objects.requireNonNull(decodeCostPerSeq, "decodeCostPerSeq");
        Objects.requireNonNull(zone, "zone");
        check(NAME.matcher(name).matches(), "name", quoted(name), "letters, digits, '.', '_' or '-'");
        models = List.copyOf(models);
        check(!models.isEmpty(), "models", models, "at least one model name");
        for (int i = 0; i < models.size(); i++) {
            check(!models.get(i).isBlank(), "models[" + i + "]", quoted(models.get(i)), "a non-blank model name");
        }
        check(new HashSet<>(models).size() == models.size(), "models", models, "distinct names");
        checkSpeed(speed);
        check(maxBatch > 0, "maxBatch", maxBatch, "> 0");
        check(kvCacheTokens > 0, "kvCacheTokens", kvCacheTokens, "> 0");
        check(prefixCacheTokens >= 0, "prefixCacheTokens", prefixCacheTokens, ">= 0");
        check(prefixBlockTokens > 0, "prefixBlockTokens", prefixBlockTokens, "> 0");
        checkDuration(stepOverhead.isNegative() || stepOverhead.isZero(), "stepOverhead", stepOverhead, "> 0");
        checkDuration(prefillCostPerToken.isNegative(), "prefillCostPerToken", prefillCostPerToken, ">= 0");
        check(prefillBudgetPerStep > 0, "prefillBudgetPerStep", prefillBudgetPerStep, "> 0");
        checkDuration(decodeCostPerSeq.isNegative(), "decodeCostPerSeq", decodeCostPerSeq, ">= 0");
        check(defaultMaxTokens > 0, "defaultMaxTokens", defaultMaxTokens, "> 0");
        check(defaultMaxTokens < kvCacheTokens, "defaultMaxTokens", defaultMaxTokens,
                "< kvCacheTokens, " + kvCacheTokens + ", so that a prompt fits beside the output");
        check(!zone.isBlank(), "zone", quoted(zone), "a non-blank zone");
    }

    /** A builder holding the reference values of {@code docs/simulator.md} (an 8B model on an A100-class GPU). */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this specification's values. */
    public Builder toBuilder() {
        return new Builder()
                .name(name)
                .models(models)
                .speed(speed)
                .maxBatch(maxBatch)
                .kvCacheTokens(kvCacheTokens)
                .prefixCacheTokens(prefixCacheTokens)
                .prefixBlockTokens(prefixBlockTokens)
                .stepOverhead(stepOverhead)
                .prefillCostPerToken(prefillCostPerToken)
                .prefillBudgetPerStep(prefillBudgetPerStep)
                .decodeCostPerSeq(decodeCostPerSeq)
                .defaultMaxTokens(defaultMaxTokens)
                .seed(seed)
                .zone(zone);
    }

    /** The output length of a request: its {@code max_tokens} when given, else {@link #defaultMaxTokens()}. */
    public int maxTokensOrDefault(@Nullable Integer requestedMaxTokens) {
        return requestedMaxTokens != null ? requestedMaxTokens : defaultMaxTokens;
    }

    /** Whether this server answers for {@code model}. */
    public boolean serves(String model) {
        return models.contains(model);
    }

    static void checkSpeed(double speed) {
        check(speed > 0 && Double.isFinite(speed), "speed", speed, "> 0 and finite");
    }

    private static void check(boolean valid, String field, Object value, String expected) {
        if (!valid) {
            throw new IllegalArgumentException(field + ": " + value + " (expected: " + expected + ")");
        }
    }

    private static void checkDuration(boolean invalid, String field, Duration value, String expected) {
        check(!invalid, field, DurationText.format(value), expected);
    }

    private static String quoted(String text) {
        return '"' + text + '"';
    }

    /** Collects the fields of a {@link ServerSpec}; {@link #build()} validates them. */
    public static final class Builder {

        private String name = "sim";
        private List<String> models = List.of("llama-3-8b-instruct", "qwen2-7b-instruct");
        private double speed = 1.0;
        private int maxBatch = 32;
        private int kvCacheTokens = 65_536;
        private int prefixCacheTokens = 16_384;
        private int prefixBlockTokens = 16;
        private Duration stepOverhead = Duration.ofMillis(5);
        private Duration prefillCostPerToken = Duration.ofNanos(60_000);
        private int prefillBudgetPerStep = 2048;
        private Duration decodeCostPerSeq = Duration.ofNanos(250_000);
        private int defaultMaxTokens = 128;
        private long seed;
        private String zone = DEFAULT_ZONE;

        private Builder() {}

        public Builder name(String name) {
            this.name = name;
            return this;
        }

        public Builder models(List<String> models) {
            this.models = models;
            return this;
        }

        public Builder models(String... models) {
            return models(List.of(models));
        }

        public Builder speed(double speed) {
            this.speed = speed;
            return this;
        }

        public Builder maxBatch(int maxBatch) {
            this.maxBatch = maxBatch;
            return this;
        }

        public Builder kvCacheTokens(int kvCacheTokens) {
            this.kvCacheTokens = kvCacheTokens;
            return this;
        }

        public Builder prefixCacheTokens(int prefixCacheTokens) {
            this.prefixCacheTokens = prefixCacheTokens;
            return this;
        }

        public Builder prefixBlockTokens(int prefixBlockTokens) {
            this.prefixBlockTokens = prefixBlockTokens;
            return this;
        }

        public Builder stepOverhead(Duration stepOverhead) {
            this.stepOverhead = stepOverhead;
            return this;
        }

        public Builder prefillCostPerToken(Duration prefillCostPerToken) {
            this.prefillCostPerToken = prefillCostPerToken;
            return this;
        }

        public Builder prefillBudgetPerStep(int prefillBudgetPerStep) {
            this.prefillBudgetPerStep = prefillBudgetPerStep;
            return this;
        }

        public Builder decodeCostPerSeq(Duration decodeCostPerSeq) {
            this.decodeCostPerSeq = decodeCostPerSeq;
            return this;
        }

        public Builder defaultMaxTokens(int defaultMaxTokens) {
            this.defaultMaxTokens = defaultMaxTokens;
            return this;
        }

        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        public Builder zone(String zone) {
            this.zone = zone;
            return this;
        }

        /**
         * Creates the specification.
         *
         * @throws IllegalArgumentException when a field is invalid, naming the field
         */
        public ServerSpec build() {
            return new ServerSpec(name, models, speed, maxBatch, kvCacheTokens, prefixCacheTokens,
                    prefixBlockTokens, stepOverhead, prefillCostPerToken, prefillBudgetPerStep,
                    decodeCostPerSeq, defaultMaxTokens, seed, zone);
        }
    }
}
