package dev.infergate.routing.admission;

import dev.infergate.routing.core.admission.LimitDefinition;
import dev.infergate.routing.core.admission.LimitState;
import reactor.core.publisher.Mono;

/**
 * Where buckets live. Operations never block: they complete on the store's I/O threads or at
 * once. A store that cannot answer signals an error; {@link Limiter} applies the limit's failure
 * policy.
 */
public interface LimitStore {

    /** The store's name in meters and logs: {@code memory}, {@code redis}. */
    String name();

    /** Takes {@code tokens} from the bucket {@code key} of {@code limit} if every bandwidth has them. */
    Mono<LimitState> tryConsume(String key, LimitDefinition limit, long tokens);

    /** Charges a positive {@code difference} unconditionally (debt allowed), refunds a negative one up to the capacity. */
    Mono<LimitState> adjust(String key, LimitDefinition limit, long difference);

    /** A short, bounded name for why an operation failed, for the failure meter: {@code timeout}, {@code rejected}, ... */
    String failureReason(Throwable failure);
}
