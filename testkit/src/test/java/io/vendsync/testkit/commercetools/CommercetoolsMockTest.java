package io.vendsync.testkit.commercetools;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class CommercetoolsMockTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void shouldIssueTokenAndAnswerProjectRoutesWithIt() throws Exception {
        final CommercetoolsMock mock = CommercetoolsMock.shared().withUniqueProjectKey();
        assertThat(mock.apiUrl()).startsWith("http://127.0.0.1:");
        assertThat(mock.authUrl()).isEqualTo(mock.apiUrl() + "/oauth/token");

        final String basic = Base64.getEncoder().encodeToString(
                (mock.clientId() + ":" + mock.clientSecret()).getBytes(StandardCharsets.UTF_8));
        final HttpResponse<String> token = HTTP.send(HttpRequest.newBuilder(URI.create(mock.authUrl()
                        + "?grant_type=client_credentials&scope=manage_project:" + mock.projectKey()))
                .header("Authorization", "Basic " + basic)
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(token.statusCode()).as(token.body()).isEqualTo(200);
        final String accessToken = JSON.readTree(token.body()).path("access_token").asText();
        assertThat(accessToken).isNotBlank();

        final HttpResponse<String> channels = HTTP.send(HttpRequest.newBuilder(
                        URI.create(mock.apiUrl() + "/" + mock.projectKey() + "/channels"))
                .header("Authorization", "Bearer " + accessToken).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(channels.statusCode()).as(channels.body()).isEqualTo(200);
        final JsonNode page = JSON.readTree(channels.body());
        assertThat(page.path("results").isArray()).isTrue();
        assertThat(page.path("total").asInt(-1)).isZero();

        final HttpResponse<String> anonymous = HTTP.send(HttpRequest.newBuilder(
                        URI.create(mock.apiUrl() + "/" + mock.projectKey() + "/channels"))
                .header("Authorization", "Bearer not-a-token").GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(anonymous.statusCode()).isEqualTo(401);
    }

    @Test
    void sharedIsOneServerPerJvmAndIgnoresClose() {
        final CommercetoolsMock first = CommercetoolsMock.shared();
        first.close();
        final CommercetoolsMock second = CommercetoolsMock.shared();
        assertThat(second.port()).isEqualTo(first.port());
        assertThat(second.isRunning()).isTrue();
        assertThat(second.withProjectKey("other").projectKey()).isEqualTo("other");
        assertThat(second.withProjectKey("other").apiUrl()).isEqualTo(second.apiUrl());
    }

    @Test
    void startedInstanceStopsOnClose() {
        final CommercetoolsMock own = CommercetoolsMock.start();
        assertThat(own.isRunning()).isTrue();
        own.close();
        assertThat(own.isRunning()).isFalse();
    }
}
