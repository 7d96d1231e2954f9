package io.vendsync.simulator;

import static io.vendsync.simulator.ApiClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class OAuthTokenEndpointTest {
    private static final OAuthApp APP = new OAuthApp("client-1", "client-secret-1", "refresh-0", Duration.ofSeconds(1));

    private final HttpClient http = HttpClient.newHttpClient();
    private VendSimulator simulator;

    @AfterEach
    void stop() {
        simulator.close();
    }

    @Test
    void shouldRotateTheRefreshTokenOnEachRefreshAndRefuseTheOldOne() throws Exception {
        simulator = VendSimulator.start(SimulatorOptions.defaults().withOAuth(APP));
        final HttpResponse<String> first = refresh("refresh-0", APP.clientSecret());
        assertThat(first.statusCode()).isEqualTo(200);
        final JsonNode grant = json(first);
        assertThat(grant.path("token_type").asText()).isEqualTo("Bearer");
        assertThat(grant.path("refresh_token").asText()).isNotBlank().isNotEqualTo("refresh-0");
        assertThat(grant.path("expires").asLong()).isBetween(Instant.now().getEpochSecond() - 1, Instant.now().getEpochSecond() + 2);
        // The new access token reads the store; the first one was revoked by the rotation.
        assertThat(new ApiClient(simulator.baseUrl(), grant.path("access_token").asText()).get("/api/2.0/outlets").statusCode())
                .isEqualTo(200);
        assertThat(new ApiClient(simulator).get("/api/2.0/outlets").statusCode()).isEqualTo(401);
        // The rotated-away refresh token is refused with invalid_grant; the new one works once.
        final HttpResponse<String> reused = refresh("refresh-0", APP.clientSecret());
        assertThat(reused.statusCode()).isEqualTo(400);
        assertThat(json(reused).path("error").asText()).isEqualTo("invalid_grant");
        assertThat(refresh(grant.path("refresh_token").asText(), APP.clientSecret()).statusCode()).isEqualTo(200);
        assertThat(refresh(grant.path("refresh_token").asText(), APP.clientSecret()).statusCode()).isEqualTo(400);
        assertThat(refresh(simulator.currentRefreshToken().orElseThrow(), "wrong").statusCode()).isEqualTo(401);
        assertThat(simulator.oauthRefreshes()).isEqualTo(2);
        assertThat(simulator.requestCount()).as("the token endpoint is outside the API budget").isEqualTo(2);
    }

    @Test
    void shouldExpireAccessTokensAfterTheirLifetime() throws Exception {
        simulator = VendSimulator.start(SimulatorOptions.defaults().withOAuth(APP));
        assertThat(new ApiClient(simulator).get("/api/2.0/outlets").statusCode()).isEqualTo(200);
        Thread.sleep(1_100);
        final HttpResponse<String> expired = new ApiClient(simulator).get("/api/2.0/outlets");
        assertThat(expired.statusCode()).isEqualTo(401);
        assertThat(json(expired).path("message").asText()).contains("expired");
    }

    private HttpResponse<String> refresh(final String refreshToken, final String clientSecret) throws Exception {
        final String form = Map.of("grant_type", "refresh_token", "refresh_token", refreshToken, "client_id", APP.clientId(),
                        "client_secret", clientSecret).entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return http.send(HttpRequest.newBuilder(URI.create(simulator.baseUrl() + "/api/1.0/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
