package io.vendsync.simulator;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The simulated store's data. Every mutation takes the next value of one global version counter
 * inside one lock, so a reader can never see version N+1 before N is visible: the cursor never
 * skips a record (Vend leaves late commits unconfirmed; the simulator is the well-behaved case).
 */
final class VendStore {
    private final Object lock = new Object();
    private final Clock clock;
    private final RetailerProfile retailer;
    private final VersionedTable<Outlet> outlets = new VersionedTable<>();
    private final VersionedTable<Product> products = new VersionedTable<>();
    private final VersionedTable<InventoryRecord> inventory = new VersionedTable<>();
    private final Map<String, String> inventoryIdByProductOutlet = new HashMap<>();
    private long lastVersion;

    VendStore(final Clock clock, final RetailerProfile retailer) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.retailer = Objects.requireNonNull(retailer, "retailer");
    }

    RetailerProfile retailer() {
        return retailer;
    }

    Outlet addOutlet(final String id, final String name, final String currency, final String countryId) {
        Objects.requireNonNull(name, "name");
        final String currencyCode = currency.toUpperCase(Locale.ROOT);
        final String country = countryId.toUpperCase(Locale.ROOT);
        synchronized (lock) {
            requireNewId(outlets.contains(id), id);
            final Outlet outlet = new Outlet(id, name, Locales.timeZoneOf(country), currencyCode,
                    Locales.currencySymbolOf(currencyCode), "inclusive", country, null, nextVersion());
            outlets.put(outlet);
            return outlet;
        }
    }

    Product addProduct(final String id, final String name, final String sku, final BigDecimal priceExcludingTax) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(sku, "sku");
        Objects.requireNonNull(priceExcludingTax, "priceExcludingTax");
        synchronized (lock) {
            requireNewId(products.contains(id), id);
            final Instant now = now();
            final Product product = new Product(id, name, handleOf(name), sku, true, priceExcludingTax,
                    includingTax(priceExcludingTax), BigDecimal.ZERO, now, now, null, nextVersion());
            products.put(product);
            return product;
        }
    }

    Product updateProduct(final String productId, final Consumer<ProductEdit> editor) {
        Objects.requireNonNull(editor, "editor");
        synchronized (lock) {
            final Product current = liveProduct(productId);
            final ProductEdit edit = new ProductEdit(current);
            editor.accept(edit);
            // The handle is the variant-family key in Vend and does not follow renames.
            final Product updated = new Product(current.id(), edit.name(), current.handle(), edit.sku(), edit.active(),
                    edit.priceExcludingTax(), includingTax(edit.priceExcludingTax()), edit.supplyPrice(),
                    current.createdAt(), now(), null, nextVersion());
            products.put(updated);
            return updated;
        }
    }

    Product deleteProduct(final String productId) {
        synchronized (lock) {
            final Product current = liveProduct(productId);
            final Instant now = now();
            final Product deleted = new Product(current.id(), current.name(), current.handle(), current.sku(), false,
                    current.priceExcludingTax(), current.priceIncludingTax(), current.supplyPrice(),
                    current.createdAt(), now, now, nextVersion());
            products.put(deleted);
            return deleted;
        }
    }

    InventoryRecord setInventory(final String newId, final String productId, final String outletId, final long level) {
        synchronized (lock) {
            liveProduct(productId);
            outlets.get(outletId).filter(o -> !o.deleted())
                    .orElseThrow(() -> new NoSuchElementException("no such outlet: " + outletId));
            final String key = productId + '|' + outletId;
            final String existingId = inventoryIdByProductOutlet.get(key);
            final InventoryRecord record;
            if (existingId == null) {
                record = new InventoryRecord(newId, productId, outletId, level, 0, 0, nextVersion());
                inventoryIdByProductOutlet.put(key, newId);
            } else {
                final InventoryRecord current = inventory.get(existingId).orElseThrow();
                record = new InventoryRecord(existingId, productId, outletId, level, current.reorderPoint(),
                        current.reorderAmount(), nextVersion());
            }
            inventory.put(record);
            return record;
        }
    }

    Optional<Product> product(final String productId) {
        synchronized (lock) {
            return products.get(productId);
        }
    }

    List<InventoryRecord> inventoryOfProduct(final String productId) {
        synchronized (lock) {
            final List<InventoryRecord> records = new ArrayList<>();
            for (final InventoryRecord record : inventory.live()) {
                if (record.productId().equals(productId)) {
                    records.add(record);
                }
            }
            return records;
        }
    }

    List<Outlet> outletPage(final PageQuery query) {
        synchronized (lock) {
            return outlets.page(query);
        }
    }

    List<Product> productPage(final PageQuery query) {
        synchronized (lock) {
            return products.page(query);
        }
    }

    List<InventoryRecord> inventoryPage(final PageQuery query) {
        synchronized (lock) {
            return inventory.page(query);
        }
    }

    List<Outlet> outlets() {
        synchronized (lock) {
            return outlets.live();
        }
    }

    List<Product> products() {
        synchronized (lock) {
            return products.live();
        }
    }

    List<InventoryRecord> inventory() {
        synchronized (lock) {
            return inventory.live();
        }
    }

    long lastVersion() {
        synchronized (lock) {
            return lastVersion;
        }
    }

    private long nextVersion() {
        return ++lastVersion;
    }

    private Product liveProduct(final String productId) {
        return products.get(productId).filter(p -> !p.deleted())
                .orElseThrow(() -> new NoSuchElementException("no such product: " + productId));
    }

    private BigDecimal includingTax(final BigDecimal excludingTax) {
        return excludingTax.multiply(BigDecimal.ONE.add(retailer.defaultTaxRate()))
                .setScale(5, RoundingMode.HALF_UP).stripTrailingZeros();
    }

    // Vend timestamps have second precision.
    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.SECONDS);
    }

    private static void requireNewId(final boolean exists, final String id) {
        if (exists) {
            throw new IllegalStateException("duplicate id: " + id);
        }
    }

    /** Vend handles are the lower-cased name without spaces or punctuation, e.g. "classictee". */
    static String handleOf(final String name) {
        final String handle = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
        return handle.isEmpty() ? "product" : handle;
    }
}
