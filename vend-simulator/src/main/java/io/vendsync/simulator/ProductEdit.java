package io.vendsync.simulator;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * The editable fields of a product, handed to {@link VendSimulator#updateProduct}. Starts out with
 * the product's current values; unchanged fields stay as they are.
 */
public final class ProductEdit {
    private String name;
    private String sku;
    private BigDecimal priceExcludingTax;
    private BigDecimal supplyPrice;
    private boolean active;

    ProductEdit(final Product current) {
        this.name = current.name();
        this.sku = current.sku();
        this.priceExcludingTax = current.priceExcludingTax();
        this.supplyPrice = current.supplyPrice();
        this.active = current.active();
    }

    public ProductEdit name(final String value) {
        this.name = Objects.requireNonNull(value, "name");
        return this;
    }

    public ProductEdit sku(final String value) {
        this.sku = Objects.requireNonNull(value, "sku");
        return this;
    }

    public ProductEdit priceExcludingTax(final BigDecimal value) {
        this.priceExcludingTax = Objects.requireNonNull(value, "priceExcludingTax");
        return this;
    }

    public ProductEdit supplyPrice(final BigDecimal value) {
        this.supplyPrice = Objects.requireNonNull(value, "supplyPrice");
        return this;
    }

    public ProductEdit active(final boolean value) {
        this.active = value;
        return this;
    }

    String name() {
        return name;
    }

    String sku() {
        return sku;
    }

    BigDecimal priceExcludingTax() {
        return priceExcludingTax;
    }

    BigDecimal supplyPrice() {
        return supplyPrice;
    }

    boolean active() {
        return active;
    }
}
