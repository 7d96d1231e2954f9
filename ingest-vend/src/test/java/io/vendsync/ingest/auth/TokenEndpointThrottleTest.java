package io.vendsync.ingest.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.vendsync.ingest.vend.VendExchange;
import io.vertx.core.Vertx;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The token endpoint has a rate limit of its own (Vend's rate-limiting docs): a 429 there is waited out, not fatal. */
class TokenEndpointThrottleTest {

    @Test
    void shouldWaitForRetryAfterWhenTheTokenEndpointAnswers429AndThenRefresh() throws Exception {
        // Retry-After's date has whole seconds: at least two seconds passed, as asked.
        assertThat(waitAfter429(Clock.systemUTC())).isGreaterThanOrEqualTo(Duration.ofSeconds(2));
    }

    /**
     * Retry-After's date is on Vend's clock, and the answer's Date header says what time Vend had: a local clock five
     * minutes ahead read the date as passed, and asked again at once.
     */
    @Test
    void shouldWaitForRetryAfterByVendsClockWhenTheLocalClockRunsAhead() throws Exception {
        assertThat(waitAfter429(Clock.offset(Clock.systemUTC(), Duration.ofMinutes(5)))).isGreaterThanOrEqualTo(Duration.ofSeconds(2));
    }

    /**
     * How long a refresh waited between a 429 (Retry-After an HTTP-date three seconds on, and the Date header that the
     * JDK's server adds to every answer) and the refresh that follows it, with the endpoint's clock {@code clock}.
     */
    private static Duration waitAfter429(final Clock clock) throws Exception {
        final AtomicInteger posts = new AtomicInteger();
        final long[] answeredAt = new long[2];
        final HttpServer vend = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        vend.createContext("/api/1.0/token", exchange -> {
            exchange.getRequestBody().readAllBytes();
            final int n = posts.getAndIncrement();
            answeredAt[Math.min(n, 1)] = System.nanoTime();
            if (n == 0) {
                // As Vend sends it: an HTTP-date, three seconds on (longer than the 1-1.5 s back-off of a 5xx).
                exchange.getResponseHeaders().add("Retry-After", DateTimeFormatter.RFC_1123_DATE_TIME
                        .format(ZonedDateTime.now(ZoneOffset.UTC).plusSeconds(3)));
                exchange.sendResponseHeaders(429, -1);
            } else {
                final byte[] body = "{\"access_token\":\"new-access\",\"refresh_token\":\"new-refresh\",\"expires_in\":3600}"
                        .getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
            }
            exchange.close();
        });
        vend.start();
        final Vertx vertx = Vertx.vertx();
        try (TokenEndpoint endpoint = new TokenEndpoint(vertx, "http://127.0.0.1:" + vend.getAddress().getPort(), "client",
                "secret", Duration.ofSeconds(10), VendExchange.Listener.NONE, clock)) {
            final OAuthTokens tokens = endpoint.refresh("old-refresh", "origin");
            assertThat(tokens.accessToken()).isEqualTo("new-access");
            assertThat(posts.get()).isEqualTo(2);
            return Duration.ofNanos(answeredAt[1] - answeredAt[0]);
        } finally {
            vertx.close();
            vend.stop(0);
        }
    }
}
