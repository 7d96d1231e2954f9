package io.vendsync.mapper.prices.internals;

import io.vendsync.mapper.MapperConfig;
import io.vendsync.mapper.prices.Market;
import io.vendsync.mapper.prices.PriceBookPlatform;
import io.vendsync.schemas.Topics;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;

/** The settings and topic names the price rules need, read once from the mapper's configuration. */
public record PriceSettings(List<Market> markets, Set<PriceBookPlatform> platforms, String customerGroupKeyPrefix,
                            String taxCategoryKeyPrefix, UnaryOperator<String> derivedChannelKey, String productsTopic,
                            String outletsTopic, String taxesTopic, String priceBooksTopic, String priceBookProductsTopic) {

    public static PriceSettings of(final MapperConfig config, final Topics topics) {
        return new PriceSettings(config.pricesMarkets(), config.pricesPriceBookPlatforms(), config.customerGroupKeyPrefix(),
                config.taxCategoryKeyPrefix(), config::derivedChannelKey, topics.rawProducts.name(), topics.rawOutlets.name(),
                topics.raw("taxes").name(), topics.raw("price_books").name(), topics.raw("price_book_products").name());
    }
}
