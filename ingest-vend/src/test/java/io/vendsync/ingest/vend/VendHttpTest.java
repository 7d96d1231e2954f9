package io.vendsync.ingest.vend;

import static org.assertj.core.api.Assertions.assertThat;

import io.vendsync.simulator.SimulatorOptions;
import io.vendsync.simulator.VendSimulator;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class VendHttpTest {

    @Test
    void shouldReadEveryBodyWholeOverReusedConnections() throws Exception {
        final Vertx vertx = Vertx.vertx();
        try (VendSimulator vend = VendSimulator.start(SimulatorOptions.defaults().withRateLimitPerWindow(100_000));
             VendHttp http = new VendHttp(vertx, Duration.ofSeconds(10))) {
            vend.seed(2, 3, 61L);
            // Small answers arrive with their headers in one read: the body must still be seen to its end, every time.
            for (int i = 0; i < 300; i++) {
                final VendHttp.Reply reply = http.send(HttpMethod.GET, vend.baseUrl() + "/api/2.0/outlets",
                        Map.of("Authorization", "Bearer " + vend.token()), null);
                assertThat(reply.status()).isEqualTo(200);
                assertThat(reply.body()).startsWith("{\"data\":[").endsWith("}");
            }
        } finally {
            vertx.close();
        }
    }
}
