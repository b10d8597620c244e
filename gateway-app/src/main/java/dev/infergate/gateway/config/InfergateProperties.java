package dev.infergate.gateway.config;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * The gateway's own settings ({@code infergate.*}); Spring Cloud Gateway's and the server's stay
 * under their own prefixes in {@code application.yaml}.
 *
 * @param seed the live configuration's seed file; when it does not exist the copy of
 *     {@code config/routes.yaml} packaged in the jar is used
 * @param dataDir where versions, history and secrets are kept (git-ignored)
 * @param maxRequestBody the one request body cap (413 beyond it, also for chunked bodies)
 * @param readTimeout longest pause between two reads of a request body
 * @param upstream limits of the connection pool to upstreams beyond Spring Cloud Gateway's own
 * @param demo the in-process demo fleet that pools with {@code discovery: demo} resolve to
 * @param admin users of the admin port
 * @param versionsKept how many versions of the live configuration the store keeps
 * @param seedCheckInterval how often the seed file is checked for hand edits
 * @param probes active health probes of every pool's endpoints
 * @param observability meters and access log
 */
@ConfigurationProperties("infergate")
public record InfergateProperties(
        @DefaultValue("config/routes.yaml") String seed,
        @DefaultValue("data") String dataDir,
        @DefaultValue("1MB") DataSize maxRequestBody,
        @DefaultValue("30s") Duration readTimeout,
        @DefaultValue Upstream upstream,
        @DefaultValue Demo demo,
        @DefaultValue Admin admin,
        @DefaultValue("50") int versionsKept,
        @DefaultValue("2s") Duration seedCheckInterval,
        @DefaultValue Probes probes,
        @DefaultValue Observability observability) {

    /**
     * @param pendingAcquireMaxCount requests allowed to wait for a pooled upstream connection;
     *     beyond it they fail at once instead of queueing without bound
     */
    public record Upstream(@DefaultValue("1000") int pendingAcquireMaxCount) {
    }

    /**
     * @param fleet the demo fleet definition; when it does not exist the packaged copy of
     *     {@code config/demo-fleet.yaml} is used
     */
    public record Demo(@DefaultValue("config/demo-fleet.yaml") String fleet) {
    }

    /**
     * @param models model names meters may carry as tags besides those the routes name
     * @param accessLogQueue access log lines waiting for the writer before new ones are dropped
     */
    public record Observability(@DefaultValue List<String> models, @DefaultValue("10000") int accessLogQueue) {
    }

    /**
     * @param path what each endpoint is asked ({@code GET}); a 2xx answer is healthy
     * @param interval time between two rounds of probes
     * @param timeout longest wait for an answer
     */
    public record Probes(@DefaultValue("/v2/health/ready") String path, @DefaultValue("5s") Duration interval,
            @DefaultValue("2s") Duration timeout) {
    }

    /**
     * @param users users besides the built-in {@code admin} operator (whose password comes from
     *     {@code INFERGATE_ADMIN_PASSWORD} or is generated at first start)
     */
    public record Admin(@DefaultValue List<User> users) {
    }

    /**
     * @param name login name
     * @param passwordHash a bcrypt hash ({@code $2a$...}); never a password in clear
     * @param role {@code VIEWER} (read) or {@code OPERATOR} (read and write)
     */
    public record User(String name, String passwordHash, String role) {
    }
}
