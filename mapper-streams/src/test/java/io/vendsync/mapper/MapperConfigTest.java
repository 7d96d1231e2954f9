package io.vendsync.mapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vendsync.mapper.identity.SkuCase;
import io.vendsync.mapper.internals.ChannelKeys;
import io.vendsync.runtime.CommonConfig;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;

class MapperConfigTest {

    @Test
    void shouldDefaultToExactlyOnceAndTheDocumentedSettings() {
        final MapperConfig config = new MapperConfig(Map.of(CommonConfig.BOOTSTRAP_SERVERS, "kafka:9092",
                "kafka.client.security.protocol", "SSL"));
        final Properties props = config.streamsProperties();

        assertThat(props).containsEntry(StreamsConfig.APPLICATION_ID_CONFIG, "vendsync-mapper")
                .containsEntry(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2)
                .containsEntry(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 100L)
                .containsEntry(StreamsConfig.NUM_STREAM_THREADS_CONFIG, 1)
                .containsEntry("bootstrap.servers", "kafka:9092")
                .containsEntry("security.protocol", "SSL");
        assertThat((String) props.get(StreamsConfig.STATE_DIR_CONFIG)).endsWith("vendsync-mapper");
        assertThat(config.outletChannelKeyPrefix()).isEqualTo("vend-outlet-");
    }

    @Test
    void shouldRefuseSettingsKafkaStreamsOrCommercetoolsWouldReject() {
        assertThatThrownBy(() -> new MapperConfig(Map.of(CommonConfig.BOOTSTRAP_SERVERS, "kafka:9092",
                MapperConfig.OUTLET_CHANNEL_KEY_PREFIX, "vend/outlet")))
                .isInstanceOf(ConfigException.class).hasMessageContaining(MapperConfig.OUTLET_CHANNEL_KEY_PREFIX);
        assertThatThrownBy(() -> new MapperConfig(Map.of(CommonConfig.BOOTSTRAP_SERVERS, "kafka:9092",
                MapperConfig.PROCESSING_GUARANTEE, "exactly_once")))
                .isInstanceOf(ConfigException.class);
        assertThatThrownBy(() -> new MapperConfig(Map.of(CommonConfig.BOOTSTRAP_SERVERS, "kafka:9092",
                MapperConfig.NUM_STREAM_THREADS, "0")))
                .isInstanceOf(ConfigException.class);
    }

    @Test
    void shouldDefaultSkuCaseToPreserveAndAcceptItInAnyCase() {
        assertThat(new MapperConfig(Map.of(CommonConfig.BOOTSTRAP_SERVERS, "kafka:9092")).skuCase()).isEqualTo(SkuCase.PRESERVE);
        assertThat(new MapperConfig(Map.of(CommonConfig.BOOTSTRAP_SERVERS, "kafka:9092", MapperConfig.SKU_CASE, "Upper"))
                .skuCase()).isEqualTo(SkuCase.UPPER);
        assertThatThrownBy(() -> new MapperConfig(Map.of(CommonConfig.BOOTSTRAP_SERVERS, "kafka:9092",
                MapperConfig.SKU_CASE, "title")))
                .isInstanceOf(ConfigException.class).hasMessageContaining(MapperConfig.SKU_CASE);
    }

    @Test
    void shouldDeriveChannelKeyLowerCasedWithDisallowedCharactersReplaced() {
        assertThat(ChannelKeys.derive("Vend-Outlet-", "AB12.Cd/é_9")).isEqualTo("vend-outlet-ab12-cd--_9");
        assertThat(ChannelKeys.isValid("vend-outlet-ab12")).isTrue();
        assertThat(ChannelKeys.isValid("has space")).isFalse();
    }
}
