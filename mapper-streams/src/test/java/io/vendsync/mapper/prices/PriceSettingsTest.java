package io.vendsync.mapper.prices;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vendsync.mapper.MapperConfig;
import io.vendsync.runtime.CommonConfig;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;

class PriceSettingsTest {

    private static MapperConfig config(final Map<String, String> settings) {
        final java.util.HashMap<String, String> all = new java.util.HashMap<>(settings);
        all.put(CommonConfig.BOOTSTRAP_SERVERS, "kafka:9092");
        return new MapperConfig(all);
    }

    @Test
    void shouldDefaultToTheLiveOutletsMarketsAndToAllAndEcommerceBooks() {
        final MapperConfig config = config(Map.of());
        assertThat(config.pricesMarkets()).isEmpty();
        assertThat(config.pricesPriceBookPlatforms()).containsExactlyInAnyOrder(PriceBookPlatform.ALL, PriceBookPlatform.ECOMMERCE);
    }

    @Test
    void shouldReadMarketsAsCurrencyAndCountryCodes() {
        assertThat(config(Map.of(MapperConfig.PRICES_MARKETS, " nzd-nz , AUD-AU,USD")).pricesMarkets())
                .containsExactly(new Market("NZD", "NZ"), new Market("AUD", "AU"), new Market("USD", null));
    }

    @Test
    void shouldRefuseMarketsAndPlatformsThatAreNotCodes() {
        assertThatThrownBy(() -> config(Map.of(MapperConfig.PRICES_MARKETS, "NZD-New Zealand")))
                .isInstanceOf(ConfigException.class).hasMessageContaining(MapperConfig.PRICES_MARKETS);
        assertThatThrownBy(() -> config(Map.of(MapperConfig.PRICES_PRICE_BOOK_PLATFORMS, "all,web")))
                .isInstanceOf(ConfigException.class).hasMessageContaining(MapperConfig.PRICES_PRICE_BOOK_PLATFORMS);
    }
}
