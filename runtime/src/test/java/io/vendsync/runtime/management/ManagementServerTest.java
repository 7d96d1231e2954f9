package io.vendsync.runtime.management;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Counter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ManagementServerTest {

    private final AtomicBoolean brokerUp = new AtomicBoolean(true);
    private final HttpClient http = HttpClient.newHttpClient();
    private ManagementServer server;

    @BeforeEach
    void start() throws Exception {
        final Readiness readiness = new Readiness().check("kafka", brokerUp::get).check("always", () -> true);
        server = ManagementServer.start("127.0.0.1", 0, ManagementServer.newRegistry(), readiness);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void shouldTurnNotReadyWhileACheckFailsAndReadyAgainWhenItPasses() throws Exception {
        assertThat(get("/health/ready").statusCode()).isEqualTo(200);

        brokerUp.set(false);
        final HttpResponse<String> notReady = get("/health/ready");
        assertThat(notReady.statusCode()).isEqualTo(503);
        assertThat(notReady.body()).contains("kafka: failing").contains("always: ok");
        assertThat(get("/health/live").statusCode()).as("liveness does not follow readiness").isEqualTo(200);

        brokerUp.set(true);
        assertThat(get("/health/ready").statusCode()).isEqualTo(200);
    }

    @Test
    void shouldCountAThrowingCheckAsFailing() throws Exception {
        server.close();
        server = ManagementServer.start("127.0.0.1", 0, ManagementServer.newRegistry(),
                new Readiness().check("broken", () -> {
                    throw new IllegalStateException("no client yet");
                }));
        assertThat(get("/health/ready").statusCode()).isEqualTo(503);
    }

    @Test
    void shouldServeMetersInThePrometheusFormat() throws Exception {
        Counter.builder("vendsync.sink.records").tag("resource", "inventory").tag("outcome", "updated")
                .register(server.registry()).increment(3);

        final HttpResponse<String> metrics = get("/metrics");

        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body()).contains("vendsync_sink_records_total{outcome=\"updated\",resource=\"inventory\"} 3.0");
    }

    private HttpResponse<String> get(final String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
