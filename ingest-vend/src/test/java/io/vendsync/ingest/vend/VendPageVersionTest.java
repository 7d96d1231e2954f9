package io.vendsync.ingest.vend;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.vendsync.ingest.auth.PersonalToken;
import io.vendsync.runtime.logging.PayloadMasker;
import io.vertx.core.Vertx;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Pages whose envelope carries no {@code version.max}, as several of the 2.0 API's documented examples show them. */
class VendPageVersionTest {

    @Test
    void shouldPageOnByTheRecordsOwnVersionsWhenVendSendsNoVersionMax() throws Exception {
        final HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/api/2.0/registers", exchange -> {
            final String query = exchange.getRequestURI().getQuery();
            final String body = query.contains("after=0&") || query.endsWith("after=0")
                    ? "{\"data\":[{\"id\":\"r1\",\"version\":11},{\"id\":\"r2\",\"version\":14},{\"id\":\"r3\",\"version\":12}]}"
                    : "{\"data\":[]}";
            final byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        server.start();
        final Vertx vertx = Vertx.vertx();
        try {
            final VendApiClient client = new VendApiClient(vertx, "http://127.0.0.1:" + server.getAddress().getPort(),
                    new PersonalToken("t"), new RateGovernor(100, Duration.ofMinutes(5), Clock.systemUTC()), Duration.ofSeconds(10),
                    1, new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(1)), new VendEdgeStatistics(), 1024,
                    PayloadMasker.none(), VendExchange.Listener.NONE, BadResponse.Listener.NONE);
            assertThat(client.readPage("registers", 0, 100).maxVersion()).isEqualTo(14);
            // Before, the page without version.max was taken as the end: a store of three registers had a budget of one.
            assertThat(client.countLive("registers", 100)).isEqualTo(3);
        } finally {
            vertx.close();
            server.stop(0);
        }
    }
}
