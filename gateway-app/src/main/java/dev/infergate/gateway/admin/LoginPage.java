package dev.infergate.gateway.admin;

import dev.infergate.gateway.security.AdminSecurityConfiguration;
import org.jspecify.annotations.Nullable;
import org.springframework.http.MediaType;
import org.springframework.security.web.server.csrf.CsrfToken;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.util.HtmlUtils;
import reactor.core.publisher.Mono;

/** The sign-in form of the admin port, styled like the console; Spring Security processes its POST. */
final class LoginPage {

    private LoginPage() {
    }

    static Mono<ServerResponse> render(ServerRequest request) {
        Mono<CsrfToken> token = request.exchange().getAttributeOrDefault(CsrfToken.class.getName(), Mono.empty());
        boolean failed = request.queryParam("error").isPresent();
        boolean signedOut = request.queryParam("logout").isPresent();
        return token.map(csrf -> page(csrf, failed, signedOut))
                .defaultIfEmpty(page(null, failed, signedOut))
                .flatMap(html -> ServerResponse.ok().contentType(MediaType.TEXT_HTML).bodyValue(html));
    }

    private static String page(@Nullable CsrfToken csrf, boolean failed, boolean signedOut) {
        String hidden = csrf == null ? "" : "<input type=\"hidden\" name=\"" + HtmlUtils.htmlEscape(csrf.getParameterName())
                + "\" value=\"" + HtmlUtils.htmlEscape(csrf.getToken()) + "\">";
        String message = failed ? "<p role=\"alert\" class=\"error\">Wrong user name or password.</p>"
                : signedOut ? "<p role=\"status\">Signed out.</p>" : "";
        return """
                <!doctype html>
                <html lang="en"><head><meta charset="utf-8"><title>Infergate console: sign in</title>
                <meta name="viewport" content="width=device-width, initial-scale=1">
                <link rel="icon" href="data:,"><link rel="stylesheet" href="%s"></head>
                <body class="login"><main class="login-card"><h1><span class="logo" aria-hidden="true">◆</span> Infergate console</h1>%s
                <form method="post" action="/admin/login">
                <label for="username">User</label><input id="username" name="username" autocomplete="username" required autofocus>
                <label for="password">Password</label><input id="password" name="password" type="password" autocomplete="current-password" required>
                %s<button type="submit" class="primary">Sign in</button></form></main></body></html>
                """.formatted(AdminSecurityConfiguration.CONSOLE_STYLE, message, hidden);
    }
}
