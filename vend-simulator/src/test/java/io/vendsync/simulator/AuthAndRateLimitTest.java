package io.vendsync.simulator;

import static io.vendsync.simulator.ApiClient.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AuthAndRateLimitTest {
    private VendSimulator simulator;

    @AfterEach
    void stop() {
        if (simulator != null) {
            simulator.close();
        }
    }

    @Test
    void shouldRejectRequestsWithoutOrWithWrongTokenWithJson401() {
        simulator = VendSimulator.start(SimulatorOptions.defaults());
        final ApiClient api = new ApiClient(simulator);

        for (final String header : new String[] {null, "Bearer wrong", "Basic c2ltLXRva2Vu", "sim-token"}) {
            final HttpResponse<String> response = api.getWithAuthorization("/api/2.0/products", header);
            assertThat(response.statusCode()).as("Authorization: %s", header).isEqualTo(401);
            assertThat(json(response).get("error").asText()).isEqualTo("Unauthorized");
            assertThat(json(response).get("message").asText()).isNotBlank();
        }
        assertThat(api.getWithAuthorization("/api/2.0/products", "Bearer sim-token").statusCode()).isEqualTo(200);
        assertThat(new ApiClient(simulator.baseUrl(), "wrong").postForm("/api/webhooks", "data", "{}").statusCode())
                .isEqualTo(401);
    }

    @Test
    void shouldCountDownRemainingAndAnswer429WithHttpDateRetryAfter() {
        simulator = VendSimulator.start(SimulatorOptions.defaults()
                .withRateLimitPerWindow(3).withRateWindow(Duration.ofSeconds(120)));
        final ApiClient api = new ApiClient(simulator);
        final Instant before = Instant.now();

        final List<String> remaining = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            final HttpResponse<String> ok = api.get("/api/2.0/outlets");
            assertThat(ok.statusCode()).isEqualTo(200);
            assertThat(ok.headers().firstValue("X-RateLimit-Limit")).hasValue("3");
            remaining.add(ok.headers().firstValue("X-RateLimit-Remaining").orElseThrow());
        }
        assertThat(remaining).containsExactly("2", "1", "0");

        final HttpResponse<String> limited = api.get("/api/2.0/outlets");

        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(json(limited).get("error").asText()).isEqualTo("Too Many Requests");
        assertThat(json(limited).get("message").asText()).isEqualTo("Rate limiting enforced");
        assertThat(limited.headers().firstValue("X-RateLimit-Remaining")).hasValue("0");
        final String retryAfter = limited.headers().firstValue("Retry-After").orElseThrow();
        assertThat(retryAfter).matches("[A-Z][a-z]{2}, \\d{2} [A-Z][a-z]{2} \\d{4} \\d{2}:\\d{2}:\\d{2} GMT");
        final Instant reset = ZonedDateTime.parse(retryAfter, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        assertThat(reset).isAfter(before.plusSeconds(110)).isBefore(Instant.now().plusSeconds(122));
        assertThat(simulator.requestCount()).isEqualTo(4);
    }

    @Test
    void shouldOpenAFreshWindowOnceTheResetTimeHasPassed() throws InterruptedException {
        simulator = VendSimulator.start(SimulatorOptions.defaults()
                .withRateLimitPerWindow(1).withRateWindow(Duration.ofMillis(200)));
        final ApiClient api = new ApiClient(simulator);
        assertThat(api.get("/api/2.0/outlets").statusCode()).isEqualTo(200);
        final HttpResponse<String> limited = api.get("/api/2.0/outlets");
        assertThat(limited.statusCode()).isEqualTo(429);
        final Instant reset = ZonedDateTime.parse(limited.headers().firstValue("Retry-After").orElseThrow(),
                DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();

        Thread.sleep(Math.max(0, Duration.between(Instant.now(), reset).toMillis()) + 50);

        assertThat(api.get("/api/2.0/outlets").statusCode()).isEqualTo(200);
    }

    @Test
    void shouldAnswerInjectedStatusForExactlyNRequests() {
        simulator = VendSimulator.start(SimulatorOptions.defaults());
        final ApiClient api = new ApiClient(simulator);

        simulator.injectFailures(2, 503);

        final HttpResponse<String> first = api.get("/api/2.0/products");
        assertThat(first.statusCode()).isEqualTo(503);
        assertThat(json(first).has("error")).isTrue();
        assertThat(api.get("/api/2.0/products").statusCode()).isEqualTo(503);
        assertThat(api.get("/api/2.0/products").statusCode()).isEqualTo(200);
        assertThat(api.get("/api/2.0/products").statusCode()).isEqualTo(200);
    }

    @Test
    void shouldCarryHttpDateRetryAfterOnInjected429() {
        simulator = VendSimulator.start(SimulatorOptions.defaults());
        final ApiClient api = new ApiClient(simulator);
        simulator.injectFailures(1, 429);

        final HttpResponse<String> limited = api.get("/api/2.0/products");

        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(json(limited).get("message").asText()).isEqualTo("Rate limiting enforced");
        final Instant retryAt = ZonedDateTime.parse(limited.headers().firstValue("Retry-After").orElseThrow(),
                DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        assertThat(retryAt).isBetween(Instant.now().minusSeconds(1), Instant.now().plusSeconds(5));
        assertThat(api.get("/api/2.0/products").statusCode()).isEqualTo(200);
    }

    @Test
    void shouldNotCountSimulatorControlRequests() {
        simulator = VendSimulator.start(SimulatorOptions.defaults());
        final ApiClient api = new ApiClient(simulator);
        api.get("/api/2.0/retailer");
        api.get("/_sim/stats");

        final HttpResponse<String> stats = api.get("/_sim/stats");

        assertThat(simulator.requestCount()).isEqualTo(1);
        assertThat(json(stats).get("requests").asLong()).isEqualTo(1);
        assertThat(json(stats).get("deliveries").asLong()).isZero();
    }

    @Test
    void shouldRejectInvalidOptions() {
        assertThatThrownBy(() -> SimulatorOptions.defaults().withRateLimitPerWindow(0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(SimulatorOptions.defaults().withRegisters(2).rateLimitPerWindow()).isEqualTo(650);
        assertThat(SimulatorOptions.defaults().rateLimitPerWindow()).isEqualTo(350);
        assertThat(SimulatorOptions.defaults().toString()).doesNotContain("sim-token");
    }
}
