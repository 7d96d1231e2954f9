package io.vendsync.testkit.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FaultProxyTest {

    private HttpServer target;
    private FaultProxy proxy;
    private final HttpClient client = HttpClient.newHttpClient();

    @BeforeEach
    void start() throws IOException {
        target = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        target.createContext("/", exchange -> {
            final byte[] answer = ("echo " + exchange.getRequestMethod() + " " + exchange.getRequestURI() + " "
                    + new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(201, answer.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(answer);
            }
        });
        target.start();
        proxy = FaultProxy.start("http://127.0.0.1:" + target.getAddress().getPort());
    }

    @AfterEach
    void stop() {
        proxy.close();
        target.stop(0);
    }

    private HttpResponse<String> post(final String path, final String body) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create(proxy.url() + path)).timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void shouldForwardUntouchedRequestsAndAnswerMatchingOnesWithTheInjectedStatus() throws Exception {
        final FaultRule rule = proxy.inject(FaultRule.status(503).method("POST").pathContains("/inventory").bodyContains("SKU-9").times(1));

        assertThat(post("/p/inventory?x=1", "SKU-1").body()).isEqualTo("echo POST /p/inventory?x=1 SKU-1");
        final HttpResponse<String> failed = post("/p/inventory", "SKU-9");
        assertThat(failed.statusCode()).isEqualTo(503);
        assertThat(failed.body()).contains("ServiceUnavailable");
        assertThat(post("/p/inventory", "SKU-9").statusCode()).isEqualTo(201);
        assertThat(rule.hits()).isEqualTo(1);
        assertThat(proxy.forwarded()).isEqualTo(2);
        assertThat(proxy.injected()).isEqualTo(1);
    }

    @Test
    void shouldDropTheConnectionWithoutAnswerForAHangRule() {
        proxy.inject(FaultRule.hangThenDrop(Duration.ofMillis(200)).times(1));
        assertThatThrownBy(() -> post("/p/inventory", "x")).isInstanceOf(IOException.class);
        assertThat(proxy.injected()).isEqualTo(1);
    }

    @Test
    void shouldHitASeededFractionOnly() throws Exception {
        proxy.inject(FaultRule.status(429).fraction(0.5, 42));
        int throttled = 0;
        for (int i = 0; i < 40; i++) {
            throttled += post("/p", "x").statusCode() == 429 ? 1 : 0;
        }
        assertThat(throttled).isBetween(8, 32);
        proxy.heal();
        assertThat(post("/p", "x").statusCode()).isEqualTo(201);
    }
}
