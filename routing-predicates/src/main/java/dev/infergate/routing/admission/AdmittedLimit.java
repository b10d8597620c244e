package dev.infergate.routing.admission;

import dev.infergate.routing.core.admission.LimitDefinition;

/** A limit that applies to one request, with the bucket the request draws from and what it took. */
record AdmittedLimit(LimitDefinition limit, String bucket, long cost) {
}
