package dev.infergate.routing.admission;

import java.util.List;
import java.util.regex.Pattern;

/**
 * A route's admission, validated.
 *
 * @param key whether the route needs a known API key
 * @param limits the limits the route names itself (any scope), on top of those of the tenant's plan
 */
public record AdmissionSpec(KeyRequirement key, List<String> limits) {

    private static final Pattern LIMIT_NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");

    public AdmissionSpec {
        limits = List.copyOf(limits);
        for (String limit : limits) {
            if (!LIMIT_NAME.matcher(limit).matches()) {
                throw new IllegalArgumentException("limits: \"" + limit + "\" (expected: a limit name of a-z, 0-9 and -)");
            }
        }
    }
}
