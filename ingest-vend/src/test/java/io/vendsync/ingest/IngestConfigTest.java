package io.vendsync.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vendsync.runtime.CommonConfig;
import io.vendsync.schemas.Topics;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;

class IngestConfigTest {

    @Test
    void shouldDeclareAPollIntervalKeyForEveryVendEntityThatOverridesTheDefault() {
        assertThat(IngestConfig.CONFIG_DEF.names()).containsAll(
                Topics.VEND_ENTITIES.stream().map(IngestConfig::pollIntervalKey).toList());
        final Map<String, String> settings = minimal();
        settings.put(IngestConfig.VEND_POLL_INTERVAL_MS, "30000");
        settings.put("vend.poll.interval.ms.taxes", "86400000");
        final IngestConfig config = new IngestConfig(settings);
        assertThat(config.defaultPollInterval()).isEqualTo(Duration.ofSeconds(30));
        assertThat(config.pollIntervals()).containsExactly(Map.entry("taxes", Duration.ofDays(1)));

        settings.put("vend.poll.interval.ms.registers", "99");
        assertThatThrownBy(() -> new IngestConfig(settings)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("vend.poll.interval.ms.registers");
    }

    @Test
    void shouldRequireClientCredentialsRefreshTokenAndTokenStoreForOAuth() {
        final Map<String, String> settings = minimal();
        settings.put(IngestConfig.VEND_AUTH_MODE, "oauth");
        assertThatThrownBy(() -> new IngestConfig(settings)).isInstanceOf(ConfigException.class)
                .hasMessageContaining(IngestConfig.VEND_OAUTH_CLIENT_ID);
        settings.put(IngestConfig.VEND_OAUTH_CLIENT_ID, "id");
        settings.put(IngestConfig.VEND_OAUTH_CLIENT_SECRET, "secret");
        settings.put(IngestConfig.VEND_OAUTH_REFRESH_TOKEN, "refresh");
        assertThatThrownBy(() -> new IngestConfig(settings)).isInstanceOf(ConfigException.class)
                .hasMessageContaining(IngestConfig.VEND_OAUTH_TOKEN_STORE);
        settings.put(IngestConfig.VEND_OAUTH_TOKEN_STORE, "/var/lib/vendsync/tokens.json");
        assertThat(new IngestConfig(settings).oauth()).isTrue();
        assertThat(new IngestConfig(minimal()).oauth()).isFalse();
        assertThatThrownBy(() -> new IngestConfig(Map.of(CommonConfig.BOOTSTRAP_SERVERS, "x", IngestConfig.VEND_BASE_URL, "http://x",
                IngestConfig.VEND_DOMAIN_PREFIX, "x", IngestConfig.VEND_TOKEN, "t", IngestConfig.VEND_AUTH_MODE, "basic")))
                .isInstanceOf(ConfigException.class);
    }

    @Test
    void shouldWarnWhenTheTokenWouldCrossTheNetworkOverPlainHttp() {
        final Map<String, String> settings = minimal();
        assertThat(new IngestConfig(settings).cleartextWarning()).as("the simulator on this machine").isEmpty();
        settings.put(IngestConfig.VEND_BASE_URL, "http://localhost:8080");
        assertThat(new IngestConfig(settings).cleartextWarning()).isEmpty();
        settings.put(IngestConfig.VEND_BASE_URL, "https://acme.retail.lightspeed.app");
        assertThat(new IngestConfig(settings).cleartextWarning()).isEmpty();

        settings.put(IngestConfig.VEND_BASE_URL, "http://acme.retail.lightspeed.app");
        assertThat(new IngestConfig(settings).cleartextWarning()).hasValueSatisfying(warning ->
                assertThat(warning).contains("http://acme.retail.lightspeed.app").contains("unencrypted").doesNotContain("refresh"));
        settings.put(IngestConfig.VEND_AUTH_MODE, IngestConfig.AUTH_OAUTH);
        settings.put(IngestConfig.VEND_OAUTH_CLIENT_ID, "id");
        settings.put(IngestConfig.VEND_OAUTH_CLIENT_SECRET, "secret");
        settings.put(IngestConfig.VEND_OAUTH_REFRESH_TOKEN, "refresh");
        settings.put(IngestConfig.VEND_OAUTH_TOKEN_STORE, "/var/lib/vendsync/tokens.json");
        assertThat(new IngestConfig(settings).cleartextWarning()).hasValueSatisfying(warning ->
                assertThat(warning).contains("client secret and refresh token"));
    }

    private static Map<String, String> minimal() {
        final Map<String, String> settings = new HashMap<>();
        settings.put(CommonConfig.BOOTSTRAP_SERVERS, "localhost:9092");
        settings.put(IngestConfig.VEND_BASE_URL, "http://127.0.0.1:1");
        settings.put(IngestConfig.VEND_DOMAIN_PREFIX, "demo");
        settings.put(IngestConfig.VEND_TOKEN, "t");
        return settings;
    }
}
