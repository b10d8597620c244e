package dev.infergate.routing.admission;

import dev.infergate.routing.core.admission.Reconciliation;
import dev.infergate.routing.core.admission.TokenEstimate;
import dev.infergate.routing.core.admission.Usage;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatusCode;
import org.springframework.web.server.ServerWebExchange;

/**
 * Reconciles one request's token limits when its response ends. Tokens used are:
 *
 * <ul>
 *   <li>the reported {@code usage} total when the answer carried one (JSON body or final SSE chunk);</li>
 *   <li>else, when completion chunks were forwarded or the response did not complete (the client
 *       went away, the stream broke): the estimated prompt plus the forwarded completion chunks,
 *       so a stream cut early is charged for what was sent;</li>
 *   <li>else, for an error status ({@code >= 400}) with nothing forwarded: 0, the whole estimate is refunded;</li>
 *   <li>else the estimate stands.</li>
 * </ul>
 *
 * The difference with the estimate is charged or refunded on every token limit the request took
 * from ({@link Reconciliation}).
 */
final class TokenSettlement implements UsageListener {

    private static final Logger log = LoggerFactory.getLogger(TokenSettlement.class);

    private final List<AdmittedLimit> limits;
    private final TokenEstimate estimate;
    private final Limiter limiter;
    private final int replicas;
    private final AdmissionMeters meters;

    TokenSettlement(List<AdmittedLimit> limits, TokenEstimate estimate, Limiter limiter, int replicas, AdmissionMeters meters) {
        this.limits = limits;
        this.estimate = estimate;
        this.limiter = limiter;
        this.replicas = replicas;
        this.meters = meters;
    }

    @Override
    public void onUsage(ServerWebExchange exchange, ObservedUsage observed) {
        long used = used(observed, exchange.getResponse().getStatusCode());
        log.debug("Token use of request {}: estimated {}, used {} ({})", exchange.getRequest().getId(), estimate.total(), used, observed);
        for (AdmittedLimit limit : limits) {
            long difference = new Reconciliation(limit.cost(), used).difference();
            meters.reconciled(limit.limit().name(), difference);
            limiter.adjust(limit.bucket(), limit.limit(), difference, replicas).subscribe(state -> { }, error -> { });
        }
    }

    long used(ObservedUsage observed, HttpStatusCode status) {
        Usage reported = observed.reported();
        if (reported != null) {
            return reported.total();
        }
        if (observed.forwardedCompletionChunks() > 0 || observed.ending() != ObservedUsage.Ending.COMPLETED) {
            return estimate.promptTokens() + observed.forwardedCompletionChunks();
        }
        if (status != null && status.value() >= 400) {
            return 0;
        }
        return estimate.total();
    }
}
