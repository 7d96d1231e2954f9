package io.vendsync.ingest.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.sun.net.httpserver.HttpServer;
import io.vendsync.ingest.RecordingServer;
import io.vendsync.ingest.vend.VendApiException;
import io.vendsync.ingest.vend.VendExchange;
import io.vertx.core.Vertx;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The OAuth refresh form carries the client secret and refresh token: it goes only to the configured origin. And what
 * the answer holds is taken as Vend gives it, with or without a rotated refresh token.
 */
class TokenEndpointRedirectTest {

    private static final String GRANT = "{\"access_token\":\"new-access\",\"refresh_token\":\"new-refresh\",\"expires_in\":3600}";

    private final List<VendExchange> exchanges = new CopyOnWriteArrayList<>();
    private Vertx vertx;
    private HttpServer vend;
    private volatile String location;
    private volatile String grant = GRANT;

    @BeforeEach
    void start() throws Exception {
        vertx = Vertx.vertx();
        vend = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        vend.createContext("/api/1.0/token", exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.getResponseHeaders().add("Location", location);
            exchange.sendResponseHeaders(307, -1);
            exchange.close();
        });
        vend.createContext("/api/1.0/token-moved", exchange -> {
            exchange.getRequestBody().readAllBytes();
            final byte[] body = grant.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        vend.start();
    }

    @AfterEach
    void stop() {
        vend.stop(0);
        vertx.close();
    }

    @Test
    void shouldRefuseARedirectOfTheRefreshToAnotherHostSoTheSecretNeverReachesIt() throws Exception {
        try (RecordingServer elsewhere = new RecordingServer(); TokenEndpoint endpoint = endpoint()) {
            location = elsewhere.origin() + "/api/1.0/token";
            final Throwable refused = catchThrowable(() -> endpoint.refresh("the-refresh-token", "config"));
            assertThat(refused).isInstanceOf(VendApiException.class).hasMessageContaining("another host")
                    .hasMessageContaining("not followed").hasMessageNotContaining("the-refresh-token")
                    .hasMessageNotContaining("the-client-secret");
            assertThat(elsewhere.received()).isEmpty();
            assertThat(exchanges).singleElement().satisfies(e -> {
                assertThat(e.status()).isEqualTo(307);
                assertThat(e.error()).contains("REDIRECT_REFUSED");
            });
        }
    }

    @Test
    void shouldFollowA307OfTheRefreshOnTheSameOrigin() throws Exception {
        try (TokenEndpoint endpoint = endpoint()) {
            location = "/api/1.0/token-moved";
            final OAuthTokens tokens = endpoint.refresh("the-refresh-token", "config");
            assertThat(tokens.accessToken()).isEqualTo("new-access");
            assertThat(exchanges).extracting(VendExchange::status).containsExactly(307, 200);
        }
    }

    @Test
    void shouldKeepTheRefreshTokenItSentWhenTheAnswerRotatesNone() throws Exception {
        try (TokenEndpoint endpoint = endpoint()) {
            location = "/api/1.0/token-moved";
            // Vend before rotating refresh tokens answers a refresh with a new access token only.
            grant = "{\"access_token\":\"new-access\",\"token_type\":\"Bearer\",\"expires_in\":3600}";
            final OAuthTokens tokens = endpoint.refresh("the-refresh-token", "config");
            assertThat(tokens.accessToken()).isEqualTo("new-access");
            assertThat(tokens.refreshToken()).isEqualTo("the-refresh-token");
        }
    }

    @Test
    void shouldRefuseAnAnswerWithoutAnAccessToken() throws Exception {
        try (TokenEndpoint endpoint = endpoint()) {
            location = "/api/1.0/token-moved";
            grant = "{\"refresh_token\":\"new-refresh\"}";
            assertThat(catchThrowable(() -> endpoint.refresh("the-refresh-token", "config")))
                    .isInstanceOf(VendApiException.class).hasMessageContaining("without access_token");
        }
    }

    private TokenEndpoint endpoint() {
        return new TokenEndpoint(vertx, "http://127.0.0.1:" + vend.getAddress().getPort(), "client-1", "the-client-secret",
                Duration.ofSeconds(5), exchanges::add, Clock.systemUTC());
    }
}
