package dev.infergate.routing.admission;

import dev.infergate.routing.core.admission.ApiKeyHash;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.web.server.ServerWebExchange;

/**
 * Identifies a tenant by API key: {@code Authorization: Bearer KEY} (OpenAI's form) or
 * {@code X-Api-Key: KEY}. The key is hashed ({@link ApiKeyHash}) and looked up among the
 * configured hashes; it is never stored, logged or echoed.
 */
public final class ApiKeyIdentityResolver implements IdentityResolver {

    public static final String API_KEY_HEADER = "X-Api-Key";
    private static final String BEARER = "Bearer ";

    @Override
    public IdentityResolution resolve(ServerWebExchange exchange, TenantDirectory tenants) {
        String key = key(exchange.getRequest().getHeaders());
        if (key == null) {
            return new IdentityResolution.Missing();
        }
        return tenants.identify(ApiKeyHash.of(key))
                .<IdentityResolution>map(IdentityResolution.Identified::new)
                .orElseGet(IdentityResolution.Unknown::new);
    }

    private static @Nullable String key(HttpHeaders headers) {
        String authorization = headers.getFirst(HttpHeaders.AUTHORIZATION);
        if (authorization != null && authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            String key = authorization.substring(BEARER.length()).strip();
            return key.isEmpty() ? null : key;
        }
        String key = headers.getFirst(API_KEY_HEADER);
        return key == null || key.isBlank() ? null : key.strip();
    }
}
