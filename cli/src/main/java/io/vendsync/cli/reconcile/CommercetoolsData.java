package io.vendsync.cli.reconcile;

import java.math.BigDecimal;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/** What commercetools holds, reduced to what the checks compare. */
public record CommercetoolsData(List<InventoryEntry> inventory, List<Variant> variants, List<Customer> customers,
                                List<Order> orders) {

    public CommercetoolsData {
        inventory = List.copyOf(inventory);
        variants = List.copyOf(variants);
        customers = List.copyOf(customers);
        orders = List.copyOf(orders);
    }

    /** An inventory entry with its supply channel as a key (null when it has none or the channel has no key). */
    public record InventoryEntry(String sku, String channelKey, long quantityOnStock) {
    }

    /** A variant (staged) with its embedded prices. */
    public record Variant(String productKey, String sku, List<Price> prices) {
        public Variant {
            prices = List.copyOf(prices);
        }
    }

    /** An embedded price; amount in major units. */
    /** A variant's price; {@code tiers}: its quantity breaks, minimum quantity -> amount per unit (empty for most). */
    public record Price(String key, String currency, BigDecimal amount, String country, SortedMap<Long, BigDecimal> tiers) {

        public Price {
            tiers = tiers == null ? new TreeMap<>() : new TreeMap<>(tiers);
        }
    }

    /** A customer; {@code origin}: vendsync's bookkeeping of how it came to it ({@code created} or linked), or null. */
    public record Customer(String id, String key, String email, String origin) {
    }

    /** An order; {@code saleId} is the {@code vendSaleId} custom field, null on orders vendsync did not import. */
    public record Order(String id, String orderNumber, String saleId, String currency, BigDecimal totalNet, String orderState) {
    }
}
