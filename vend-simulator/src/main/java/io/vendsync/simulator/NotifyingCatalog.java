package io.vendsync.simulator;

import java.math.BigDecimal;
import java.util.UUID;
import java.util.function.Consumer;

/** Store mutations that Vend announces by webhook: each commits first, then fires without waiting. */
final class NotifyingCatalog {
    private final VendStore store;
    private final WebhookDispatcher dispatcher;

    NotifyingCatalog(final VendStore store, final WebhookDispatcher dispatcher) {
        this.store = store;
        this.dispatcher = dispatcher;
    }

    Product addProduct(final String name, final String sku, final BigDecimal priceExcludingTax) {
        return productChanged(store.addProduct(UUID.randomUUID().toString(), name, sku, priceExcludingTax));
    }

    Product updateProduct(final String productId, final Consumer<ProductEdit> edit) {
        return productChanged(store.updateProduct(productId, edit));
    }

    /** Vend has no delete event: a delete is a product.update whose deleted_at is set. */
    Product deleteProduct(final String productId) {
        return productChanged(store.deleteProduct(productId));
    }

    InventoryRecord setInventory(final String productId, final String outletId, final long level) {
        final InventoryRecord record = store.setInventory(UUID.randomUUID().toString(), productId, outletId, level);
        dispatcher.fire("inventory.update", Json.write(ApiV1Json.inventoryUpdate(record)));
        return record;
    }

    private Product productChanged(final Product product) {
        dispatcher.fire("product.update", Json.write(ApiV1Json.productUpdate(store.retailer(), product,
                store.inventoryOfProduct(product.id()), store.outlets())));
        return product;
    }
}
