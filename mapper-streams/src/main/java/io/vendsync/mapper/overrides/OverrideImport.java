package io.vendsync.mapper.overrides;

import io.vendsync.schemas.mapping.CustomerLink;
import io.vendsync.schemas.mapping.OutletChannel;
import io.vendsync.schemas.mapping.ProductSkuOverride;
import java.util.List;

/**
 * What an override CSV holds: the records to publish, or the errors that stop the whole import. When
 * {@code errors} is not empty the record lists are empty, so a caller cannot publish part of a bad file.
 *
 * @param kind           which mapping the header names; null when the header itself is unreadable
 * @param productSkus    for {@link Kind#PRODUCT_SKU}, keyed by product id on the product SKU overrides topic
 * @param outletChannels for {@link Kind#OUTLET_CHANNEL}, keyed by outlet id on the outlet channel overrides topic
 * @param customerLinks  for {@link Kind#CUSTOMER_LINK}, keyed by Vend customer id on the customer link overrides topic
 */
public record OverrideImport(Kind kind, List<ProductSkuOverride> productSkus, List<OutletChannel> outletChannels,
                             List<CustomerLink> customerLinks, List<LineError> errors) {

    /** The mappings an operator can import, told apart by the CSV header. */
    public enum Kind {
        /** {@code vend_product_id,commercetools_sku} */
        PRODUCT_SKU("vend_product_id", "commercetools_sku"),
        /** {@code vend_outlet_id,channel_key} */
        OUTLET_CHANNEL("vend_outlet_id", "channel_key"),
        /** {@code vend_customer_id,commercetools_customer_id} */
        CUSTOMER_LINK("vend_customer_id", "commercetools_customer_id");

        private final String idColumn;
        private final String valueColumn;

        Kind(final String idColumn, final String valueColumn) {
            this.idColumn = idColumn;
            this.valueColumn = valueColumn;
        }

        public String idColumn() {
            return idColumn;
        }

        public String valueColumn() {
            return valueColumn;
        }

        public String header() {
            return idColumn + "," + valueColumn;
        }
    }

    public OverrideImport {
        productSkus = List.copyOf(productSkus);
        outletChannels = List.copyOf(outletChannels);
        customerLinks = List.copyOf(customerLinks);
        errors = List.copyOf(errors);
    }

    static OverrideImport failed(final Kind kind, final List<LineError> errors) {
        return new OverrideImport(kind, List.of(), List.of(), List.of(), errors);
    }

    /** The headers understood, for error messages. */
    public static String expectedHeaders() {
        return String.join(" or ", java.util.Arrays.stream(Kind.values()).map(Kind::header).toList());
    }

    public boolean isValid() {
        return errors.isEmpty();
    }

    public int size() {
        return productSkus.size() + outletChannels.size() + customerLinks.size();
    }
}
