package dev.infergate.routing.split;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpCookie;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.server.ServerWebExchange;

/**
 * Where a split reads the key that keeps a user on one destination. A request whose key is
 * missing or empty gets a weighted random draw instead.
 */
public sealed interface StickyKey {

    /** Exchange attribute where client identity puts the tenant id (a {@link CharSequence}). */
    String TENANT_ATTRIBUTE = "infergate.tenant";

    /** The source's name in the split's map form: {@code header}, {@code cookie}, {@code client-address}, {@code tenant}, {@code none}. */
    String source();

    Optional<String> keyOf(ServerWebExchange exchange);

    /** The first value of a request header. */
    record Header(String name) implements StickyKey {

        public Header {
            if (!Values.isToken(name)) {
                throw InvalidSplitException.of("name", Values.quote(name) + " (expected: a header name)");
            }
        }

        @Override
        public String source() {
            return "header";
        }

        @Override
        public Optional<String> keyOf(ServerWebExchange exchange) {
            return nonEmpty(exchange.getRequest().getHeaders().getFirst(name));
        }
    }

    /** The value of a request cookie. */
    record Cookie(String name) implements StickyKey {

        public Cookie {
            if (!Values.isToken(name)) {
                throw InvalidSplitException.of("name", Values.quote(name) + " (expected: a cookie name)");
            }
        }

        @Override
        public String source() {
            return "cookie";
        }

        @Override
        public Optional<String> keyOf(ServerWebExchange exchange) {
            HttpCookie cookie = exchange.getRequest().getCookies().getFirst(name);
            return cookie == null ? Optional.empty() : nonEmpty(cookie.getValue());
        }
    }

    /**
     * The client's IP address as the server sees it. Behind proxies, Spring Cloud Gateway's
     * {@code trusted-proxies} setting makes the server take the address from {@code Forwarded} /
     * {@code X-Forwarded-For} only when the connection comes from a trusted proxy; this key never
     * reads those headers itself, so an untrusted client cannot choose its destination with them.
     */
    record ClientAddress() implements StickyKey {

        @Override
        public String source() {
            return "client-address";
        }

        @Override
        public Optional<String> keyOf(ServerWebExchange exchange) {
            ServerHttpRequest request = exchange.getRequest();
            InetSocketAddress remote = request.getRemoteAddress();
            if (remote == null) {
                return Optional.empty();
            }
            InetAddress address = remote.getAddress();
            return nonEmpty(address != null ? address.getHostAddress() : remote.getHostString());
        }
    }

    /** The tenant that client identity resolved, from {@link #TENANT_ATTRIBUTE}. */
    record Tenant() implements StickyKey {

        @Override
        public String source() {
            return "tenant";
        }

        @Override
        public Optional<String> keyOf(ServerWebExchange exchange) {
            Object tenant = exchange.getAttribute(TENANT_ATTRIBUTE);
            return tenant instanceof CharSequence text ? nonEmpty(text.toString()) : Optional.empty();
        }
    }

    /** No key: every request is drawn at random by weight. */
    record None() implements StickyKey {

        @Override
        public String source() {
            return "none";
        }

        @Override
        public Optional<String> keyOf(ServerWebExchange exchange) {
            return Optional.empty();
        }
    }

    private static Optional<String> nonEmpty(@Nullable String value) {
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
    }
}
