package dev.infergate.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.HttpMethod;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;

/** A browser's view of the admin port: the login form, the session cookie, the CSRF token. */
final class BrowserSession {

    private static final Pattern TOKEN = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    private final HttpClient client;
    private final String session;
    private final String csrfToken;

    private BrowserSession(HttpClient client, String session, String csrfToken) {
        this.client = client;
        this.session = session;
        this.csrfToken = csrfToken;
    }

    static BrowserSession signIn(int adminPort, String user, String password) {
        HttpClient client = HttpClient.newConnection().baseUrl("http://127.0.0.1:" + adminPort);
        Exchange page = Exchange.get(client, "/admin/login");
        String anonymousSession = cookie(page, "SESSION");
        String form = "username=" + URLEncoder.encode(user, StandardCharsets.UTF_8)
                + "&password=" + URLEncoder.encode(password, StandardCharsets.UTF_8)
                + "&_csrf=" + URLEncoder.encode(token(page.body()), StandardCharsets.UTF_8);
        Exchange login = client.headers(h -> h.set("Cookie", "SESSION=" + anonymousSession)
                        .set("Content-Type", "application/x-www-form-urlencoded"))
                .post().uri("/admin/login")
                .send(Mono.fromSupplier(() -> Unpooled.copiedBuffer(form, StandardCharsets.UTF_8)))
                .responseSingle((response, body) -> body.asString().defaultIfEmpty("")
                        .map(text -> new Exchange(response.status().code(), response.responseHeaders(), text)))
                .block(Exchange.TIMEOUT);
        assertThat(login.status()).as("login answer").isEqualTo(302);
        assertThat(login.headers().get("Location")).doesNotContain("error");
        String session = cookie(login, "SESSION");
        Exchange signedInPage = Exchange.get(client.headers(h -> h.set("Cookie", "SESSION=" + session)), "/admin/login");
        return new BrowserSession(client, session, token(signedInPage.body()));
    }

    Exchange send(HttpMethod method, String path, String body, Map<String, String> headers) {
        return Exchange.send(client.headers(h -> {
            h.set("Cookie", "SESSION=" + session).set("Content-Type", "application/json");
            headers.forEach(h::set);
        }), method, path, body);
    }

    String csrfToken() {
        return csrfToken;
    }

    private static String token(String html) {
        Matcher matcher = TOKEN.matcher(html);
        assertThat(matcher.find()).as("CSRF token in %s", html).isTrue();
        return matcher.group(1);
    }

    private static String cookie(Exchange exchange, String name) {
        for (String header : exchange.headers().getAll("Set-Cookie")) {
            if (header.startsWith(name + "=")) {
                return header.substring(name.length() + 1, header.indexOf(';'));
            }
        }
        throw new AssertionError("no " + name + " cookie in " + exchange.headers());
    }
}
