package dev.infergate.routing.split;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.gateway.route.Route;

/**
 * The splits of the gateway's routes, read from route metadata once per route version.
 *
 * <p>The gateway rebuilds a route (and its metadata) only when routes are refreshed, so the
 * metadata value's identity tells whether the cached split is still current: a refresh that
 * changes a split is picked up on the next request, without re-reading the map on every request.
 * One entry is kept per route id. A split that cannot be read is logged at WARN once per version.
 */
final class RouteSplits {

    private static final Logger log = LoggerFactory.getLogger(RouteSplits.class);

    private final ConcurrentMap<String, Entry> byRoute = new ConcurrentHashMap<>();

    /**
     * The route's split, if its metadata has one.
     *
     * @throws InvalidSplitException when the metadata holds a split that cannot be used
     */
    Optional<RouteSplit> of(Route route) {
        Object source = route.getMetadata().get(SplitSpec.METADATA_KEY);
        if (source == null) {
            return Optional.empty();
        }
        Entry entry = byRoute.get(route.getId());
        if (entry == null || entry.source() != source) {
            entry = compile(source);
            byRoute.put(route.getId(), entry);
            if (entry.error() != null) {
                log.warn("Route {} has an unusable traffic split; its requests fail with 500: {}", route.getId(),
                        entry.error().getMessage());
            }
        }
        if (entry.error() != null) {
            throw entry.error();
        }
        return Optional.ofNullable(entry.split());
    }

    private static Entry compile(Object source) {
        try {
            SplitSpec spec = source instanceof SplitSpec given ? given
                    : source instanceof Map<?, ?> map ? SplitSpec.fromMap(map)
                    : null;
            if (spec == null) {
                throw InvalidSplitException.of(SplitSpec.ROOT, "a " + source.getClass().getSimpleName()
                        + " (expected: a split as a map or a SplitSpec)");
            }
            return new Entry(source, RouteSplit.of(spec), null);
        } catch (InvalidSplitException invalid) {
            return new Entry(source, null, invalid);
        }
    }

    private record Entry(Object source, @Nullable RouteSplit split, @Nullable InvalidSplitException error) {
    }
}
