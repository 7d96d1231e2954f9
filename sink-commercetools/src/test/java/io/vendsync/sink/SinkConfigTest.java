package io.vendsync.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vendsync.runtime.ConfigSource;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;

class SinkConfigTest {

    private static Map<String, String> env() {
        final Map<String, String> env = new HashMap<>();
        env.put("VENDSYNC_KAFKA_BOOTSTRAP_SERVERS", "localhost:9092");
        env.put("VENDSYNC_COMMERCETOOLS_PROJECT_KEY", "shop");
        env.put("VENDSYNC_COMMERCETOOLS_CLIENT_ID", "id");
        env.put("VENDSYNC_COMMERCETOOLS_CLIENT_SECRET", "s3cret");
        env.put("VENDSYNC_COMMERCETOOLS_AUTH_URL", "https://auth.europe-west1.gcp.commercetools.com/oauth/token");
        env.put("VENDSYNC_COMMERCETOOLS_API_URL", "https://api.europe-west1.gcp.commercetools.com");
        return env;
    }

    @Test
    void shouldReadEnvironmentVariablesWithDefaults() {
        final SinkConfig config = new SinkConfig(ConfigSource.load(null, env()));
        assertThat(config.projectKey()).isEqualTo("shop");
        assertThat(config.clientSecret()).isEqualTo("s3cret");
        assertThat(config.groupId()).isEqualTo("vendsync-sink-commercetools");
        assertThat(config.conflictMaxRetries()).isEqualTo(5);
        assertThat(config.integrationLogBodyMaxBytes()).isEqualTo(4096);
        assertThat(config.scopes()).isEmpty();
        assertThat(config.toString()).doesNotContain("s3cret");
        assertThat(config.retryDelaysMs()).containsExactly(10_000L, 60_000L, 600_000L);
        assertThat(config.retryGroupId()).isEqualTo("vendsync-sink-commercetools-retry");
        assertThat(ConfigSource.environmentVariable(SinkConfig.SINK_CONFLICT_MAX_RETRIES)).isEqualTo("VENDSYNC_SINK_CONFLICT_MAX_RETRIES");
    }

    @Test
    void shouldRejectBadUrlsAndRetries() {
        final Map<String, String> trailingSlash = env();
        trailingSlash.put("VENDSYNC_COMMERCETOOLS_API_URL", "https://api.example.com/");
        assertThatThrownBy(() -> new SinkConfig(ConfigSource.load(null, trailingSlash))).isInstanceOf(ConfigException.class)
                .hasMessageContaining(SinkConfig.CT_API_URL);
        final Map<String, String> negative = env();
        negative.put("VENDSYNC_SINK_CONFLICT_MAX_RETRIES", "-1");
        assertThatThrownBy(() -> new SinkConfig(ConfigSource.load(null, negative))).isInstanceOf(ConfigException.class);
        final Map<String, String> zeroDelay = env();
        zeroDelay.put("VENDSYNC_SINK_RETRY_DELAYS_MS", "200,0");
        assertThatThrownBy(() -> new SinkConfig(ConfigSource.load(null, zeroDelay))).isInstanceOf(ConfigException.class)
                .hasMessageContaining(SinkConfig.SINK_RETRY_DELAYS_MS);
        final Map<String, String> missing = env();
        missing.remove("VENDSYNC_COMMERCETOOLS_CLIENT_SECRET");
        assertThatThrownBy(() -> new SinkConfig(ConfigSource.load(null, missing))).isInstanceOf(ConfigException.class)
                .hasMessageContaining(SinkConfig.CT_CLIENT_SECRET);
    }

    @Test
    void shouldForceAtLeastOnceConsumerSettings() {
        final Map<String, String> settings = ConfigSource.load(null, env());
        settings.put("kafka.client.enable.auto.commit", "true");
        settings.put("kafka.client.security.protocol", "SSL");
        final var props = CanonicalSink.consumerProperties(new SinkConfig(settings), SinkConfig.DEFAULT_GROUP_ID);
        assertThat(props).containsEntry("enable.auto.commit", "false")
                .containsEntry("isolation.level", "read_committed")
                .containsEntry("auto.offset.reset", "earliest")
                .containsEntry("group.id", "vendsync-sink-commercetools")
                .containsEntry("security.protocol", "SSL");
    }
}
