package dev.infergate.routing.split;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A route's traffic split: weighted destinations, the sticky key, and forced variants.
 *
 * <p>Carried in the route's metadata under {@link #METADATA_KEY}, either as this record or in its
 * map form (what a YAML or JSON document gives), read by {@link #fromMap(Map)}:
 *
 * <pre>{@code
 * destinations:                       # at least one; names unique; weights >= 0, sum > 0
 *   - name: stable
 *     uri: lb://llama-stable
 *     weight: 95
 *   - name: canary
 *     uri: lb://llama-canary
 *     weight: 5
 *     model: llama-3-8b-instruct-v2    # optional: replaces the JSON body's "model" value
 *     path:                            # optional: RewritePath for this destination
 *       regexp: /v1/(?<rest>.*)
 *       replacement: /canary/v1/${rest}
 * sticky:                             # optional; without it every request is drawn at random
 *   source: header                    # header | cookie | client-address | tenant | none
 *   name: X-User-Id                   # for header and cookie
 * forced-variant:                     # optional; disabled by default
 *   enabled: true
 *   header: X-Infergate-Variant       # default
 *   cookie: infergate-variant         # default
 * }</pre>
 */
public record SplitSpec(List<SplitDestination> destinations, StickyKey sticky, ForcedVariant forcedVariant) {

    /** The route metadata key of a split: a {@code SplitSpec} or its map form. */
    public static final String METADATA_KEY = "infergate.split";

    /** The root of the field paths in validation messages. */
    static final String ROOT = "split";

    /** @throws InvalidSplitException when there is no destination, names repeat, or all weights are 0 */
    public SplitSpec {
        destinations = List.copyOf(destinations);
        List<String> problems = new ArrayList<>();
        if (destinations.isEmpty()) {
            problems.add(ROOT + ".destinations: [] (expected: at least one destination)");
        }
        Map<String, Integer> firstIndex = new HashMap<>();
        long total = 0;
        for (int i = 0; i < destinations.size(); i++) {
            SplitDestination destination = destinations.get(i);
            Integer earlier = firstIndex.putIfAbsent(destination.name(), i);
            if (earlier != null) {
                problems.add(ROOT + ".destinations[" + i + "].name: " + Values.quote(destination.name())
                        + " (expected: unique names; destinations[" + earlier + "] has it)");
            }
            total += destination.weight();
        }
        if (!destinations.isEmpty() && total <= 0) {
            problems.add(ROOT + ".destinations: total weight 0 (expected: > 0)");
        }
        if (!problems.isEmpty()) {
            throw new InvalidSplitException(problems);
        }
    }

    public static SplitSpec of(List<SplitDestination> destinations) {
        return new SplitSpec(destinations, new StickyKey.None(), ForcedVariant.DISABLED);
    }

    /**
     * Reads the map form, rejecting unknown keys.
     *
     * @throws InvalidSplitException listing every problem found, each with its field path
     */
    public static SplitSpec fromMap(Map<?, ?> map) {
        return SplitSpecReader.read(map);
    }

    public SplitSpec withDestinations(List<SplitDestination> newDestinations) {
        return new SplitSpec(newDestinations, sticky, forcedVariant);
    }

    public SplitSpec withSticky(StickyKey newSticky) {
        return new SplitSpec(destinations, newSticky, forcedVariant);
    }

    public SplitSpec withForcedVariant(ForcedVariant newForcedVariant) {
        return new SplitSpec(destinations, sticky, newForcedVariant);
    }

    public List<String> names() {
        return destinations.stream().map(SplitDestination::name).toList();
    }

    /** The map form that {@link #fromMap(Map)} reads back to an equal split. */
    public Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put(SplitSpecReader.DESTINATIONS, destinations.stream().map(SplitSpec::destinationMap).toList());
        Map<String, Object> stickyMap = new LinkedHashMap<>();
        stickyMap.put(SplitSpecReader.SOURCE, sticky.source());
        if (sticky instanceof StickyKey.Header header) {
            stickyMap.put(SplitSpecReader.NAME, header.name());
        } else if (sticky instanceof StickyKey.Cookie cookie) {
            stickyMap.put(SplitSpecReader.NAME, cookie.name());
        }
        map.put(SplitSpecReader.STICKY, stickyMap);
        Map<String, Object> forced = new LinkedHashMap<>();
        forced.put(SplitSpecReader.ENABLED, forcedVariant.enabled());
        forced.put(SplitSpecReader.HEADER, forcedVariant.header());
        forced.put(SplitSpecReader.COOKIE, forcedVariant.cookie());
        map.put(SplitSpecReader.FORCED_VARIANT, forced);
        return map;
    }

    private static Map<String, Object> destinationMap(SplitDestination destination) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put(SplitSpecReader.NAME, destination.name());
        map.put(SplitSpecReader.URI_KEY, destination.uri().toString());
        map.put(SplitSpecReader.WEIGHT, destination.weight());
        if (destination.model() != null) {
            map.put(SplitSpecReader.MODEL, destination.model());
        }
        if (destination.path() != null) {
            Map<String, Object> path = new LinkedHashMap<>();
            path.put(SplitSpecReader.REGEXP, destination.path().regexp());
            path.put(SplitSpecReader.REPLACEMENT, destination.path().replacement());
            map.put(SplitSpecReader.PATH, path);
        }
        return map;
    }
}
