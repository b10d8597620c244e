package dev.infergate.gateway.security;

import dev.infergate.gateway.config.InfergateProperties;
import dev.infergate.gateway.web.ServerPorts;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Set;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.web.server.SecurityWebFiltersOrder;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.core.userdetails.MapReactiveUserDetailsService;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.server.DelegatingServerAuthenticationEntryPoint;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.authentication.RedirectServerAuthenticationEntryPoint;
import org.springframework.security.web.server.authentication.RedirectServerAuthenticationSuccessHandler;
import org.springframework.security.web.server.authentication.logout.RedirectServerLogoutSuccessHandler;
import org.springframework.security.web.server.csrf.XorServerCsrfTokenRequestAttributeHandler;
import org.springframework.security.web.server.header.ReferrerPolicyServerHttpHeadersWriter.ReferrerPolicy;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatchers;
import tools.jackson.databind.json.JsonMapper;

/**
 * Security of the admin port, and only of it: the chain matches requests that arrived on the
 * admin port, so proxied traffic on the public port never meets it.
 *
 * <ul>
 *   <li>Health, info and Prometheus are open (probes and scrapers); everything else needs a user.
 *   <li>Reads of the admin API need VIEWER, writes OPERATOR.
 *   <li>API clients use HTTP Basic (401 with a challenge); browsers sign in at
 *       {@code /admin/login} and hold a session.
 *   <li>Session-authenticated writes need the CSRF token; requests carrying credentials
 *       ({@code Authorization}) cannot be forged by another site and do not. Writes from a
 *       foreign {@code Origin} are refused either way.
 * </ul>
 */
@Configuration(proxyBeanMethods = false)
public class AdminSecurityConfiguration {

    public static final String LOGIN_PAGE = "/admin/login";
    static final String SESSION_COOKIE = "SESSION";
    /** The console's stylesheet, which the sign-in page uses too. */
    public static final String CONSOLE_STYLE = "/admin/console/style.css";
    private static final Set<HttpMethod> SAFE = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS, HttpMethod.TRACE);

    @Bean
    SecurityWebFilterChain adminSecurity(ServerHttpSecurity http, ServerPorts ports, JsonMapper json) {
        SecurityProblems problems = new SecurityProblems(json);
        DelegatingServerAuthenticationEntryPoint entryPoint = new DelegatingServerAuthenticationEntryPoint(
                new DelegatingServerAuthenticationEntryPoint.DelegateEntry(
                        ServerWebExchangeMatchers.pathMatchers("/admin/api/**", "/actuator/**"), problems.unauthorized()));
        entryPoint.setDefaultEntryPoint(new RedirectServerAuthenticationEntryPoint(LOGIN_PAGE));
        return http
                .securityMatcher(onAdminPort(ports))
                .authorizeExchange(exchanges -> exchanges
                        .pathMatchers("/actuator/health", "/actuator/health/**", "/actuator/info", "/actuator/prometheus").permitAll()
                        .pathMatchers(LOGIN_PAGE).permitAll()
                        .pathMatchers(HttpMethod.GET, CONSOLE_STYLE).permitAll()
                        .pathMatchers(HttpMethod.GET, "/admin/api/**").hasAnyRole(AdminUsers.VIEWER, AdminUsers.OPERATOR)
                        .pathMatchers("/admin/api/**").hasRole(AdminUsers.OPERATOR)
                        .anyExchange().hasAnyRole(AdminUsers.VIEWER, AdminUsers.OPERATOR))
                .httpBasic(basic -> basic.authenticationEntryPoint(problems.unauthorized()))
                .formLogin(form -> form.loginPage(LOGIN_PAGE).authenticationEntryPoint(entryPoint)
                        .authenticationSuccessHandler(new RedirectServerAuthenticationSuccessHandler("/admin/")))
                .logout(logout -> logout.logoutUrl("/admin/logout").logoutSuccessHandler(signedOut()))
                // Spring Security's default no-referrer makes browsers send "Origin: null" on the
                // console's own form posts and fetches, which the Origin check must refuse;
                // same-origin still tells other sites nothing.
                .headers(headers -> headers.referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.SAME_ORIGIN)))
                .csrf(csrf -> csrf.requireCsrfProtectionMatcher(sessionWrites()).accessDeniedHandler(problems.forbidden())
                        .csrfTokenRequestHandler(maskedTokens()))
                .exceptionHandling(handling -> handling.authenticationEntryPoint(entryPoint).accessDeniedHandler(problems.forbidden()))
                .addFilterAt(new AdminAuditFilter(), SecurityWebFiltersOrder.FIRST)
                .addFilterBefore(new OriginCheckFilter(problems.forbidden()), SecurityWebFiltersOrder.CSRF)
                .addFilterBefore(AdminAuditFilter.capture(), SecurityWebFiltersOrder.AUTHORIZATION)
                .build();
    }

    private static RedirectServerLogoutSuccessHandler signedOut() {
        RedirectServerLogoutSuccessHandler handler = new RedirectServerLogoutSuccessHandler();
        handler.setLogoutSuccessUrl(URI.create(LOGIN_PAGE + "?logout"));
        return handler;
    }

    /**
     * Masks CSRF tokens per response (BREACH) with a DRBG seeded here, at start: the platform's
     * default generator reads {@code /dev/urandom} on every call, a blocking read on an event loop.
     */
    private static XorServerCsrfTokenRequestAttributeHandler maskedTokens() {
        try {
            SecureRandom random = SecureRandom.getInstance("DRBG");
            random.nextBytes(new byte[16]);
            XorServerCsrfTokenRequestAttributeHandler handler = new XorServerCsrfTokenRequestAttributeHandler();
            handler.setSecureRandom(random);
            return handler;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM since 9 has DRBG", e);
        }
    }

    @Bean
    PasswordEncoder adminPasswordEncoder() {
        return new BCryptPasswordEncoder();
    }

    @Bean
    MapReactiveUserDetailsService adminUsers(InfergateProperties properties, PasswordEncoder encoder) {
        return AdminUsers.create(properties.admin().users(), Path.of(properties.dataDir()), encoder, System::getenv);
    }

    private static ServerWebExchangeMatcher onAdminPort(ServerPorts ports) {
        return exchange -> {
            InetSocketAddress local = exchange.getRequest().getLocalAddress();
            return local != null && ports.isAdmin(local.getPort())
                    ? ServerWebExchangeMatcher.MatchResult.match()
                    : ServerWebExchangeMatcher.MatchResult.notMatch();
        };
    }

    /**
     * Unsafe requests that a browser session authenticates: they carry the session cookie and no
     * credentials of their own; the login form always. A request with neither a session nor
     * credentials is simply unauthenticated (401), not forged.
     */
    private static ServerWebExchangeMatcher sessionWrites() {
        return exchange -> {
            var request = exchange.getRequest();
            boolean unsafe = !SAFE.contains(request.getMethod());
            boolean credentials = request.getHeaders().containsHeader(HttpHeaders.AUTHORIZATION);
            boolean session = request.getCookies().containsKey(SESSION_COOKIE);
            boolean login = request.getPath().pathWithinApplication().value().equals(LOGIN_PAGE);
            return unsafe && !credentials && (session || login)
                    ? ServerWebExchangeMatcher.MatchResult.match()
                    : ServerWebExchangeMatcher.MatchResult.notMatch();
        };
    }
}
