package dev.infergate.routing.core.admission;

import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConfigurationBuilder;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A named limit: what it counts, whose bucket it is, its bandwidths (all must allow a request for
 * it to pass: "20/s burst 40 and 10 000/day" is one limit with two bandwidths), what happens when
 * its store fails, and for token limits optionally the one model it applies to.
 */
public record LimitDefinition(String name, LimitUnit unit, LimitScope scope, List<Bandwidth> bandwidths,
        FailurePolicy failurePolicy, @Nullable String model) {

    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");

    public LimitDefinition {
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("name: \"" + name + "\" (expected: 1 to 63 of a-z, 0-9 and -, starting with a letter or digit)");
        }
        if (bandwidths.isEmpty()) {
            throw new IllegalArgumentException("bandwidths: [] (expected: at least one)");
        }
        if (bandwidths.size() > 8) {
            throw new IllegalArgumentException("bandwidths: " + bandwidths.size() + " (expected: at most 8)");
        }
        if (model != null && unit != LimitUnit.TOKENS) {
            throw new IllegalArgumentException("model: \"" + model + "\" (expected: only on token limits)");
        }
        bandwidths = List.copyOf(bandwidths);
        for (int i = 0; i < bandwidths.size(); i++) {
            for (int j = 0; j < i; j++) {
                if (bandwidths.get(i).period().equals(bandwidths.get(j).period())) {
                    throw new IllegalArgumentException("bandwidths: two with period " + bandwidths.get(i).period()
                            + " (expected: one per period)");
                }
            }
        }
    }

    /** The Bucket4j configuration: one bandwidth per {@link Bandwidth}, each starting full. */
    public BucketConfiguration bucketConfiguration() {
        ConfigurationBuilder builder = BucketConfiguration.builder();
        for (Bandwidth bandwidth : bandwidths) {
            builder.addLimit(limit -> {
                var refill = limit.capacity(bandwidth.capacity());
                return bandwidth.refill() == Refill.GREEDY
                        ? refill.refillGreedy(bandwidth.refillTokens(), bandwidth.period())
                        : refill.refillIntervally(bandwidth.refillTokens(), bandwidth.period());
            });
        }
        return builder.build();
    }

    /** The longest full-refill time of the bandwidths: how long an idle bucket must be kept. */
    public Duration fullRefill() {
        Duration longest = Duration.ZERO;
        for (Bandwidth bandwidth : bandwidths) {
            Duration full = bandwidth.fullRefill();
            if (full.compareTo(longest) > 0) {
                longest = full;
            }
        }
        return longest;
    }

    /** This limit as one replica's local fallback: every bandwidth {@linkplain Bandwidth#share(int) shared} by {@code replicas}. */
    public LimitDefinition share(int replicas) {
        return new LimitDefinition(name, unit, scope, bandwidths.stream().map(b -> b.share(replicas)).toList(),
                failurePolicy, model);
    }

    /**
     * The policy name of bandwidth {@code index} in the {@code RateLimit} headers: the limit's
     * name when it has one bandwidth, else the name and the period ({@code tenant-requests/1s}).
     */
    public String policyName(int index) {
        if (bandwidths.size() == 1) {
            return name;
        }
        return name + "/" + Durations.format(bandwidths.get(index).period());
    }
}
