package io.vendsync.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.vendsync.ingest.auth.OAuthCredentials;
import io.vendsync.ingest.auth.TokenStore;
import io.vendsync.ingest.vend.VendApiException;
import io.vendsync.ingest.vend.VendExchange;
import io.vendsync.schemas.ops.IntegrationLogEntry;
import io.vendsync.simulator.InventoryRecord;
import io.vendsync.simulator.OAuthApp;
import io.vendsync.simulator.SimulatorOptions;
import io.vendsync.simulator.VendSimulator;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OAuthIngestTest {

    private static final String REFRESH_TOKEN = "refresh-0-" + java.util.UUID.randomUUID();
    private static final String CLIENT_SECRET = "client-secret-" + java.util.UUID.randomUUID();
    private static final Duration TTL = Duration.ofSeconds(1);

    @TempDir
    Path dir;

    @Test
    void shouldRefreshAnAccessTokenThatExpiresMidReadAndReadEverything() throws Exception {
        final IngestFixture fx = new IngestFixture();
        try (VendSimulator vend = VendSimulator.start(oauthOptions().withMaxPageSize(20))) {
            vend.seed(2, 100, 61L);
            // Each page takes 150 ms, so the 1 s access token expires a few pages into the 200-record read.
            vend.injectLatency(Duration.ofMillis(150));
            final Map<String, String> settings = oauthSettings(fx, vend);
            try (IngestApp ingest = IngestApp.start(new IngestConfig(settings))) {
                assertThat(ingest.scheduler().awaitIdle(Duration.ofSeconds(30))).isTrue();
                assertThat(ingest.scheduler().failures()).isZero();
            }
            assertThat(fx.read(fx.topics.rawInventory)).hasSize(200);
            assertThat(vend.oauthRefreshes()).isPositive();
            // The newest refresh token is on disk, and no token reached the integration log.
            final String current = vend.currentRefreshToken().orElseThrow();
            assertThat(Files.readString(dir.resolve("tokens.json"), StandardCharsets.UTF_8)).contains(current)
                    .doesNotContain(REFRESH_TOKEN);
            final List<ConsumerRecord<String, IntegrationLogEntry>> log = fx.read(fx.topics.integrationLog);
            assertThat(log).filteredOn(r -> r.value().getUrl().endsWith("/api/1.0/token")).isNotEmpty()
                    .allSatisfy(r -> assertThat(r.value().getResponseBody()).isNull());
            assertThat(log.toString()).doesNotContain(current).doesNotContain(REFRESH_TOKEN).doesNotContain(CLIENT_SECRET)
                    .doesNotContain("access_token");
        }
    }

    @Test
    void shouldUseTheRotatedRefreshTokenAfterARestartNotTheRevokedConfiguredOne() throws Exception {
        final IngestFixture fx = new IngestFixture();
        try (VendSimulator vend = VendSimulator.start(oauthOptions())) {
            vend.seed(1, 2, 62L);
            final Map<String, String> settings = oauthSettings(fx, vend);
            try (IngestApp ingest = IngestApp.start(new IngestConfig(settings))) {
                assertThat(ingest.scheduler().awaitIdle(Duration.ofSeconds(30))).isTrue();
                Thread.sleep(TTL.toMillis() + 200);
                ingest.scheduler().trigger("inventory", "test");
                assertThat(ingest.scheduler().awaitIdle(Duration.ofSeconds(30))).isTrue();
                assertThat(ingest.scheduler().failures()).isZero();
            }
            final int refreshes = vend.oauthRefreshes();
            assertThat(refreshes).as("the configured refresh token was rotated away").isPositive();
            // The stored access token has expired too, so the restart must refresh, with the rotated refresh token.
            Thread.sleep(TTL.toMillis() + 200);
            final InventoryRecord record = vend.inventory().get(0);
            vend.setInventory(record.productId(), record.outletId(), 5150);
            try (IngestApp restarted = IngestApp.start(new IngestConfig(settings))) {
                assertThat(restarted.scheduler().awaitIdle(Duration.ofSeconds(30))).isTrue();
                assertThat(restarted.scheduler().failures()).isZero();
            }
            assertThat(vend.oauthRefreshes()).isGreaterThan(refreshes);
            assertThat(fx.read(fx.topics.rawInventory)).anySatisfy(r -> {
                assertThat(IngestFixture.vendId(r)).isEqualTo(record.id());
                assertThat(VendEntitiesIngestTest.json(r.value()).path("inventory_level").asLong()).isEqualTo(5150);
            });
        }
    }

    @Test
    void shouldFailWithAClearErrorWhenTheRefreshTokenWasRevoked() throws Exception {
        final IngestFixture fx = new IngestFixture();
        try (VendSimulator vend = VendSimulator.start(oauthOptions())) {
            vend.revokeOAuth();
            final Map<String, String> settings = oauthSettings(fx, vend);
            // Derive the budget: the start then reads the registers, and meets the revocation at once.
            settings.remove(IngestConfig.VEND_RATE_BUDGET);
            final Throwable refused = catchThrowable(() -> IngestApp.start(new IngestConfig(settings)).close());
            assertThat(refused).isInstanceOf(VendApiException.class)
                    .hasMessageContaining("invalid_grant").hasMessageContaining("re-authorise")
                    .hasMessageContaining(IngestConfig.VEND_OAUTH_REFRESH_TOKEN)
                    .hasMessageNotContaining(REFRESH_TOKEN).hasMessageNotContaining(CLIENT_SECRET);
            assertThat(((VendApiException) refused).status()).isEqualTo(400);
        }
    }

    @Test
    void shouldKeepRefreshingWithTheRotatedTokenWhenSavingItFailedAndSaveItOnceItCan() throws Exception {
        try (VendSimulator vend = VendSimulator.start(oauthOptions())) {
            final Path file = dir.resolve("tokens.json");
            final TokenStore store = new TokenStore(file);
            final io.vertx.core.Vertx vertx = io.vertx.core.Vertx.vertx();
            try (OAuthCredentials credentials = OAuthCredentials.open(vertx, vend.baseUrl(), "expired", 1L, REFRESH_TOKEN,
                    "client-1", CLIENT_SECRET, store, Duration.ofSeconds(10), VendExchange.Listener.NONE, Clock.systemUTC())) {
                // The volume breaks: a directory (not empty) where the file must be moved to.
                Files.delete(file);
                Files.createDirectories(file.resolve("in-the-way"));
                final String first = credentials.accessToken(); // refreshed: the configured refresh token is revoked now
                assertThat(vend.oauthRefreshes()).isEqualTo(1);

                // Before, the failed save left the revoked token in use: this refresh got invalid_grant.
                Thread.sleep(TTL.toMillis() + 200);
                final String second = credentials.accessToken();
                assertThat(second).isNotEqualTo(first);
                assertThat(vend.oauthRefreshes()).isEqualTo(2);
                assertThat(file).isDirectory();
                // No copy of the live refresh token is left beside the store by the failed saves.
                try (var left = Files.list(dir)) {
                    assertThat(left.map(p -> p.getFileName().toString())).noneMatch(name -> name.endsWith(".tmp"));
                }

                // The volume is fixed: the next use saves the tokens in use.
                Files.delete(file.resolve("in-the-way"));
                Files.delete(file);
                assertThat(credentials.accessToken()).isEqualTo(second);
                assertThat(store.load()).hasValueSatisfying(saved -> assertThat(saved.accessToken()).isEqualTo(second));
            } finally {
                vertx.close();
            }
        }
    }

    private static SimulatorOptions oauthOptions() {
        return SimulatorOptions.defaults().withOAuth(new OAuthApp("client-1", CLIENT_SECRET, REFRESH_TOKEN, TTL));
    }

    private Map<String, String> oauthSettings(final IngestFixture fx, final VendSimulator vend) {
        final Map<String, String> settings = fx.settings(vend);
        settings.put(IngestConfig.WEBHOOK_ENABLED, "false");
        settings.put(IngestConfig.VEND_ENTITIES, "inventory");
        settings.put(IngestConfig.VEND_RATE_BUDGET, "1000");
        settings.put(IngestConfig.VEND_AUTH_MODE, IngestConfig.AUTH_OAUTH);
        settings.put(IngestConfig.VEND_OAUTH_CLIENT_ID, "client-1");
        settings.put(IngestConfig.VEND_OAUTH_CLIENT_SECRET, CLIENT_SECRET);
        settings.put(IngestConfig.VEND_OAUTH_REFRESH_TOKEN, REFRESH_TOKEN);
        settings.put(IngestConfig.VEND_OAUTH_TOKEN_STORE, dir.resolve("tokens.json").toString());
        return settings;
    }
}
