package dev.infergate.routing.split;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.RecordComponent;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.Arguments;

final class SplitSpecTest {

    @Test
    void theMapFormReadsIntoTheRecords() {
        SplitSpec spec = SplitSpec.fromMap(Map.of(
                "destinations", List.of(
                        Map.of("name", "stable", "uri", "lb://llama-stable", "weight", 95),
                        Map.of("name", "canary", "uri", "lb://llama-canary", "weight", "5", "model", "llama-3-v2",
                                "path", Map.of("regexp", "/v1/(?<rest>.*)", "replacement", "/canary/v1/$\\{rest}"))),
                "sticky", Map.of("source", "header", "name", "X-User-Id"),
                "forced-variant", Map.of("enabled", true)));

        assertThat(spec).isEqualTo(new SplitSpec(List.of(
                        SplitDestination.of("stable", "lb://llama-stable", 95),
                        SplitDestination.of("canary", "lb://llama-canary", 5).withModel("llama-3-v2")
                                .withPath(PathRewrite.of("/v1/(?<rest>.*)", "/canary/v1/$\\{rest}"))),
                new StickyKey.Header("X-User-Id"), ForcedVariant.ENABLED));
        assertThat(spec.destinations().get(1).path().apply("/v1/chat/completions")).isEqualTo("/canary/v1/chat/completions");
    }

    @Test
    void withoutStickyOrForcedVariantEveryRequestIsDrawnAndNoneIsForced() {
        SplitSpec spec = SplitSpec.fromMap(Map.of("destinations", List.of(Map.of("name", "a", "uri", "http://a:8000", "weight", 1))));

        assertThat(spec.sticky()).isEqualTo(new StickyKey.None());
        assertThat(spec.forcedVariant()).isEqualTo(ForcedVariant.DISABLED);
    }

    static List<Arguments> invalidSplits() {
        return List.of(
                Arguments.of(Map.of("destinations", List.of(destination("a", 1), destination("b", -5))),
                        "split.destinations[1].weight: -5 (expected: >= 0)"),
                Arguments.of(Map.of("destinations", List.of(destination("a", 1)), "colour", "blue"),
                        "split.colour: unknown key (expected: one of destinations, sticky, forced-variant)"),
                Arguments.of(Map.of("destinations", List.of(Map.of("name", "a", "uri", "lb://a", "wieght", 1))),
                        "split.destinations[0].wieght: unknown key (expected: one of name, uri, weight, model, path); "
                                + "split.destinations[0].weight: missing (expected: an integer >= 0)"),
                Arguments.of(Map.of("destinations", List.of(destination("a", 1), destination("a", 2))),
                        "split.destinations[1].name: \"a\" (expected: unique names; destinations[0] has it)"),
                Arguments.of(Map.of("destinations", List.of(destination("a", 0), destination("b", 0))),
                        "split.destinations: total weight 0 (expected: > 0)"),
                Arguments.of(Map.of("destinations", List.of()),
                        "split.destinations: [] (expected: at least one destination)"),
                Arguments.of(Map.of(), "split.destinations: missing (expected: a list of destinations)"),
                Arguments.of(Map.of("destinations", List.of(Map.of("name", "a b", "uri", "lb://a", "weight", 1))),
                        "split.destinations[0].name: \"a b\" (expected: 1 to 64 of A-Z a-z 0-9 . _ -)"),
                Arguments.of(Map.of("destinations", List.of(Map.of("name", "a", "uri", "lb://a/v1", "weight", 1))),
                        "split.destinations[0].uri: \"lb://a/v1\" (expected: lb://pool, http://host:port or https://host:port, without path or query)"),
                Arguments.of(Map.of("destinations", List.of(Map.of("name", "a", "uri", "lb://a", "weight", 2.5))),
                        "split.destinations[0].weight: 2.5 (expected: an integer >= 0)"),
                Arguments.of(Map.of("destinations", List.of(Map.of("name", "a", "uri", "lb://a", "weight", 1,
                                "path", Map.of("regexp", "(", "replacement", "/")))),
                        "split.destinations[0].path.regexp: \"(\" (expected: a regular expression: Unclosed group)"),
                Arguments.of(Map.of("destinations", List.of(destination("a", 1)), "sticky", Map.of("source", "ip")),
                        "split.sticky.source: \"ip\" (expected: one of header, cookie, client-address, tenant, none)"),
                Arguments.of(Map.of("destinations", List.of(destination("a", 1)), "sticky", Map.of("source", "cookie")),
                        "split.sticky.name: missing (expected: a string)"),
                Arguments.of(Map.of("destinations", List.of(destination("a", 1)), "sticky", Map.of("source", "tenant", "name", "x")),
                        "split.sticky.name: \"x\" (expected: no name for source tenant)"),
                Arguments.of(Map.of("destinations", List.of(destination("a", 1)), "forced-variant", Map.of("enabled", "yes")),
                        "split.forced-variant.enabled: \"yes\" (expected: true or false)"),
                Arguments.of(Map.of("destinations", List.of(destination("a", 1)), "forced-variant", Map.of("header", "X Variant")),
                        "split.forced-variant.header: \"X Variant\" (expected: a header name)"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("invalidSplits")
    void anInvalidSplitIsRejectedWithTheFieldPathAndWhatWasExpected(Map<String, Object> map, String message) {
        assertThatThrownBy(() -> SplitSpec.fromMap(map)).isInstanceOf(InvalidSplitException.class).hasMessage(message);
    }

    @Test
    void everyProblemIsReportedAtOnce() {
        Map<String, Object> map = Map.of("destinations", List.of(
                Map.of("name", "a", "uri", "lb://a", "weight", -1),
                Map.of("name", "b", "uri", "lb://b", "weight", -2)));

        assertThatThrownBy(() -> SplitSpec.fromMap(map)).isInstanceOfSatisfying(InvalidSplitException.class,
                invalid -> assertThat(invalid.problems()).containsExactly(
                        "split.destinations[0].weight: -1 (expected: >= 0)",
                        "split.destinations[1].weight: -2 (expected: >= 0)"));
    }

    @Test
    void aListBoundAsAnIndexedMapReadsAsTheList() {
        Map<String, Object> indexed = new LinkedHashMap<>();
        indexed.put("0", destination("a", 1));
        indexed.put("1", destination("b", 2));

        assertThat(SplitSpec.fromMap(Map.of("destinations", indexed)).names()).containsExactly("a", "b");
    }

    @Test
    void theMapFormRoundTripsEveryField() throws ReflectiveOperationException {
        SplitSpec full = new SplitSpec(List.of(
                        new SplitDestination("stable", URI.create("lb://stable"), 90, "m-1", PathRewrite.of("^/v1", "/s/v1")),
                        new SplitDestination("canary", URI.create("https://canary:8443"), 10, "m-2", PathRewrite.of("^/v1", "/c/v1"))),
                new StickyKey.Cookie("uid"), new ForcedVariant(true, "X-Variant", "variant"));
        assertEveryComponentIsSet(full);
        for (SplitDestination destination : full.destinations()) {
            assertEveryComponentIsSet(destination);
        }
        assertEveryComponentIsSet(full.forcedVariant());

        assertThat(SplitSpec.fromMap(full.toMap())).isEqualTo(full);
        for (StickyKey sticky : List.of(new StickyKey.Header("X-User"), new StickyKey.ClientAddress(), new StickyKey.Tenant(),
                new StickyKey.None())) {
            assertThat(SplitSpec.fromMap(full.withSticky(sticky).toMap())).isEqualTo(full.withSticky(sticky));
        }
    }

    @Test
    void aDestinationBuiltDirectlyNamesItsFieldWithoutThePath() {
        assertThatThrownBy(() -> SplitDestination.of("a", "lb://a", -5)).hasMessage("weight: -5 (expected: >= 0)");
    }

    private static void assertEveryComponentIsSet(Record record) throws ReflectiveOperationException {
        for (RecordComponent component : record.getClass().getRecordComponents()) {
            Object value = component.getAccessor().invoke(record);
            assertThat(value).as("%s.%s", record.getClass().getSimpleName(), component.getName())
                    .isNotNull().isNotEqualTo(false);
        }
    }

    private static Map<String, Object> destination(String name, int weight) {
        return Map.of("name", name, "uri", "lb://" + name, "weight", weight);
    }
}
