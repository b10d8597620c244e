package dev.infergate.sim.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

final class ServerSpecTest {

    static Stream<Arguments> invalidFields() {
        return Stream.of(
                invalid(b -> b.name(""), "name: \"\" (expected: letters, digits, '.', '_' or '-')"),
                invalid(b -> b.name("gpu 0"), "name: \"gpu 0\" (expected: letters, digits, '.', '_' or '-')"),
                invalid(b -> b.models(List.of()), "models: [] (expected: at least one model name)"),
                invalid(b -> b.models("m", " "), "models[1]: \" \" (expected: a non-blank model name)"),
                invalid(b -> b.models("m", "m"), "models: [m, m] (expected: distinct names)"),
                invalid(b -> b.speed(0), "speed: 0.0 (expected: > 0 and finite)"),
                invalid(b -> b.speed(Double.POSITIVE_INFINITY), "speed: Infinity (expected: > 0 and finite)"),
                invalid(b -> b.maxBatch(0), "maxBatch: 0 (expected: > 0)"),
                invalid(b -> b.kvCacheTokens(-1), "kvCacheTokens: -1 (expected: > 0)"),
                invalid(b -> b.prefixCacheTokens(-1), "prefixCacheTokens: -1 (expected: >= 0)"),
                invalid(b -> b.prefixBlockTokens(0), "prefixBlockTokens: 0 (expected: > 0)"),
                invalid(b -> b.stepOverhead(Duration.ZERO), "stepOverhead: 0s (expected: > 0)"),
                invalid(b -> b.prefillCostPerToken(Duration.ofNanos(-1)), "prefillCostPerToken: -1ns (expected: >= 0)"),
                invalid(b -> b.prefillBudgetPerStep(0), "prefillBudgetPerStep: 0 (expected: > 0)"),
                invalid(b -> b.decodeCostPerSeq(Duration.ofMillis(-2)), "decodeCostPerSeq: -2ms (expected: >= 0)"),
                invalid(b -> b.defaultMaxTokens(0), "defaultMaxTokens: 0 (expected: > 0)"),
                invalid(b -> b.kvCacheTokens(4096).defaultMaxTokens(4096),
                        "defaultMaxTokens: 4096 (expected: < kvCacheTokens, 4096, so that a prompt fits beside the output)"),
                invalid(b -> b.zone(""), "zone: \"\" (expected: a non-blank zone)"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("invalidFields")
    void eachInvalidFieldIsRejectedWithAnExactMessage(UnaryOperator<ServerSpec.Builder> change, String message) {
        assertThatThrownBy(() -> change.apply(ServerSpec.builder()).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(message);
    }

    @Test
    void theBuilderStartsFromTheReferenceServer() {
        ServerSpec reference = ServerSpec.builder().build();

        assertThat(reference.models()).containsExactly("llama-3-8b-instruct", "qwen2-7b-instruct");
        assertThat(reference.stepOverhead()).isEqualTo(Duration.ofMillis(5));
        assertThat(reference.zone()).isEqualTo("local");
    }

    @Test
    void everyComponentSurvivesABuilderRoundTrip() throws Exception {
        Map<String, Object> changed = Map.ofEntries(
                Map.entry("name", "other"),
                Map.entry("models", List.of("x", "y", "z")),
                Map.entry("speed", 0.25),
                Map.entry("maxBatch", 7),
                Map.entry("kvCacheTokens", 12_345),
                Map.entry("prefixCacheTokens", 321),
                Map.entry("prefixBlockTokens", 32),
                Map.entry("stepOverhead", Duration.ofNanos(7)),
                Map.entry("prefillCostPerToken", Duration.ofNanos(8)),
                Map.entry("prefillBudgetPerStep", 99),
                Map.entry("decodeCostPerSeq", Duration.ofNanos(9)),
                Map.entry("defaultMaxTokens", 77),
                Map.entry("seed", 42L),
                Map.entry("zone", "eu-west-1a"));
        RecordComponent[] components = ServerSpec.class.getRecordComponents();
        assertThat(changed.keySet()).containsExactlyInAnyOrderElementsOf(
                Stream.of(components).map(RecordComponent::getName).toList());

        ServerSpec.Builder builder = ServerSpec.builder();
        for (RecordComponent component : components) {
            Method setter = ServerSpec.Builder.class.getMethod(component.getName(), component.getType());
            setter.invoke(builder, changed.get(component.getName()));
        }
        ServerSpec built = builder.build();

        for (RecordComponent component : components) {
            assertThat(component.getAccessor().invoke(built)).as(component.getName())
                    .isEqualTo(changed.get(component.getName()));
        }
        assertThat(built.toBuilder().build()).isEqualTo(built);
    }

    @Test
    void aRequestWithoutMaxTokensGetsTheDefault() {
        ServerSpec spec = ServerSpec.builder().defaultMaxTokens(64).build();

        assertThat(spec.maxTokensOrDefault(null)).isEqualTo(64);
        assertThat(spec.maxTokensOrDefault(5)).isEqualTo(5);
        assertThat(spec.serves("qwen2-7b-instruct")).isTrue();
        assertThat(spec.serves("gpt-4")).isFalse();
    }

    private static Arguments invalid(UnaryOperator<ServerSpec.Builder> change, String message) {
        return arguments(change, message);
    }
}
