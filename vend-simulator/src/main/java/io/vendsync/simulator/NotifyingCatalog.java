package io.vendsync.simulator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;

/** Store mutations that Vend announces by webhook: each commits first, then fires without waiting. */
final class NotifyingCatalog {
    private final VendStore store;
    private final WebhookDispatcher dispatcher;
    private final SaleBook sales;
    private final ConsignmentBook consignments;

    NotifyingCatalog(final VendStore store, final WebhookDispatcher dispatcher, final SaleBook sales,
                     final ConsignmentBook consignments) {
        this.store = store;
        this.dispatcher = dispatcher;
        this.sales = sales;
        this.consignments = consignments;
    }

    /** Vend has no consignment.create webhook; only sending and receiving are announced. */
    Doc createConsignment(final String type, final String sourceOutletId, final String outletId, final String supplierId,
                          final List<SaleLine> lines) {
        return consignments.create(type, sourceOutletId, outletId, supplierId, lines);
    }

    Doc sendConsignment(final String id) {
        return consignmentChanged("consignment.send", consignments.send(id));
    }

    Doc receiveConsignment(final String id) {
        return consignmentChanged("consignment.receive", consignments.receive(id));
    }

    private Doc consignmentChanged(final String type, final ConsignmentBook.Result result) {
        dispatcher.fire(type, Json.write(ApiV1Json.consignment(result.consignment().render())));
        result.stock().forEach(this::inventoryChanged);
        return result.consignment();
    }

    Product addProduct(final String name, final String sku, final BigDecimal priceExcludingTax) {
        return productChanged(store.addProduct(UUID.randomUUID().toString(), name, sku, priceExcludingTax));
    }

    List<Product> addVariantFamily(final String name, final BigDecimal priceExcludingTax,
                                   final List<Product.VariantSpec> variants) {
        final List<String> ids = variants.stream().map(v -> UUID.randomUUID().toString()).toList();
        final List<Product> family = store.addVariantFamily(ids, name, priceExcludingTax, variants);
        family.forEach(this::productChanged);
        return family;
    }

    Product updateProduct(final String productId, final Consumer<ProductEdit> edit) {
        return productChanged(store.updateProduct(productId, edit));
    }

    /** Vend has no delete event: a delete is a product.update whose deleted_at is set. */
    Product deleteProduct(final String productId) {
        return productChanged(store.deleteProduct(productId));
    }

    InventoryRecord setInventory(final String productId, final String outletId, final long level) {
        return inventoryChanged(store.setInventory(UUID.randomUUID().toString(), productId, outletId, level));
    }

    Doc putCustomer(final String id, final ObjectNode body) {
        return customerChanged(store.putDoc("customers", id, body));
    }

    Doc deleteCustomer(final String id) {
        return customerChanged(store.deleteDoc("customers", id));
    }

    Doc createSale(final String registerId, final String customerId, final List<SaleLine> lines, final String paymentTypeId) {
        return saleChanged(sales.create(registerId, customerId, lines, paymentTypeId));
    }

    Doc createSale(final String registerId, final String customerId, final List<SaleLine> lines, final List<SalePayment> payments,
                   final String status) {
        return saleChanged(sales.create(registerId, customerId, lines, payments, status));
    }

    Doc createSaleWithSaleDiscount(final String registerId, final String customerId, final List<SaleLine> lines,
                                   final List<SalePayment> payments, final java.math.BigDecimal saleDiscount) {
        return saleChanged(sales.create(registerId, customerId, lines, payments, "CLOSED", saleDiscount));
    }

    Doc paySale(final String saleId, final String paymentTypeId, final java.math.BigDecimal amount) {
        return saleChanged(sales.pay(saleId, paymentTypeId, amount));
    }

    Doc voidSale(final String saleId) {
        return saleChanged(sales.voidSale(saleId));
    }

    /**
     * @param lines         what comes back; null: the whole sale
     * @param paymentTypeId the refund's payment type; null refunds the way the sale was paid
     */
    Doc returnSale(final String saleId, final List<SaleLine> lines, final String paymentTypeId) {
        return saleChanged(sales.returnSale(saleId, lines, paymentTypeId));
    }

    /** An exchange: a return of {@code returned} that also sells {@code bought}, the difference paid or refunded. */
    Doc exchangeSale(final String saleId, final List<SaleLine> returned, final List<SaleLine> bought, final String paymentTypeId) {
        return saleChanged(sales.returnSale(saleId, returned, paymentTypeId, bought));
    }

    private Doc saleChanged(final SaleBook.Result result) {
        dispatcher.fire("sale.update", Json.write(ApiV1Json.saleUpdate(result.sale().render())));
        result.stock().forEach(this::inventoryChanged);
        return result.sale();
    }

    private Doc customerChanged(final Doc customer) {
        dispatcher.fire("customer.update", Json.write(ApiV1Json.customerUpdate(store.retailer(), customer.render())));
        return customer;
    }

    private InventoryRecord inventoryChanged(final InventoryRecord record) {
        dispatcher.fire("inventory.update", Json.write(ApiV1Json.inventoryUpdate(record)));
        return record;
    }

    private Product productChanged(final Product product) {
        dispatcher.fire("product.update", Json.write(ApiV1Json.productUpdate(store.retailer(), product,
                store.inventoryOfProduct(product.id()), store.outlets())));
        return product;
    }
}
