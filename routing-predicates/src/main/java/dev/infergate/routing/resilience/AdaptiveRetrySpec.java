package dev.infergate.routing.resilience;

import org.jspecify.annotations.Nullable;

/**
 * The validated arguments of one {@code AdaptiveRetry} filter.
 *
 * @param policy the name of a policy in the live configuration's {@code retry-policies} section
 */
public record AdaptiveRetrySpec(String policy) {

    public AdaptiveRetrySpec {
        if (policy.isBlank()) {
            throw new IllegalArgumentException("policy: \"" + policy + "\" (expected: the name of a policy in sections.retry-policies)");
        }
    }

    static AdaptiveRetrySpec of(@Nullable String policy) {
        if (policy == null) {
            throw new IllegalArgumentException("policy: missing (expected: the name of a policy in sections.retry-policies)");
        }
        return new AdaptiveRetrySpec(policy.strip());
    }
}
