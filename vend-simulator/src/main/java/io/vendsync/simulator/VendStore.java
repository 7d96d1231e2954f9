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
import com.fasterxml.jackson.databind.node.ObjectNode;

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
    private final Map<String, VersionedTable<Doc>> docs = new HashMap<>();
    private long lastVersion;
    /** Retailer.discount_product_id (reference 5.5): the product sale-level discounts are rung up as; null until added. */
    private volatile String discountProductId;

    VendStore(final Clock clock, final RetailerProfile retailer) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.retailer = Objects.requireNonNull(retailer, "retailer");
        SimCollections.DOCUMENTS.forEach(entity -> docs.put(entity, new VersionedTable<>()));
    }

    RetailerProfile retailer() {
        return retailer;
    }

    String discountProductId() {
        return discountProductId;
    }

    void discountProductId(final String productId) {
        this.discountProductId = productId;
    }

    Outlet addOutlet(final String id, final String name, final String currency, final String countryId) {
        return addOutlet(id, name, currency, countryId, "inclusive");
    }

    /** An outlet that displays prices {@code displayPrices} ("inclusive" or "exclusive", reference 5.4). */
    Outlet addOutlet(final String id, final String name, final String currency, final String countryId, final String displayPrices) {
        Objects.requireNonNull(name, "name");
        if (!"inclusive".equals(displayPrices) && !"exclusive".equals(displayPrices)) {
            throw new IllegalArgumentException("display_prices is inclusive or exclusive, not " + displayPrices);
        }
        final String currencyCode = currency.toUpperCase(Locale.ROOT);
        final String country = countryId.toUpperCase(Locale.ROOT);
        synchronized (lock) {
            requireNewId(outlets.contains(id), id);
            final Outlet outlet = new Outlet(id, name, Locales.timeZoneOf(country), currencyCode,
                    Locales.currencySymbolOf(currencyCode), displayPrices, country, null, nextVersion());
            outlets.put(outlet);
            return outlet;
        }
    }

    Product addProduct(final String id, final String name, final String sku, final BigDecimal priceExcludingTax) {
        return addProduct(id, name, sku, priceExcludingTax, List.of());
    }

    /** A standalone product: no parent, no variants, its variant name is its name. */
    Product addProduct(final String id, final String name, final String sku, final BigDecimal priceExcludingTax,
                       final List<Product.ProductCode> barcodes) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(sku, "sku");
        Objects.requireNonNull(priceExcludingTax, "priceExcludingTax");
        synchronized (lock) {
            requireNewId(products.contains(id), id);
            final Instant now = now();
            final Product product = new Product(id, name, handleOf(name), sku, true, priceExcludingTax,
                    includingTax(priceExcludingTax), BigDecimal.ZERO, null, false, name, List.of(),
                    codes(sku, barcodes), now, now, null, nextVersion());
            products.put(product);
            return product;
        }
    }

    /**
     * A variant family grouped by name (and so by handle): the first variant is the parent
     * ({@code has_variants=true}, no parent), the others point at it through {@code variant_parent_id}.
     */
    List<Product> addVariantFamily(final List<String> ids, final String name, final BigDecimal priceExcludingTax,
                                   final List<Product.VariantSpec> variants) {
        if (variants.isEmpty() || variants.size() > 200 || ids.size() != variants.size()) {
            throw new IllegalArgumentException("a family holds 1 to 200 variants, one id each");
        }
        synchronized (lock) {
            ids.forEach(id -> requireNewId(products.contains(id), id));
            final Instant now = now();
            final List<Product> family = new ArrayList<>(variants.size());
            for (int i = 0; i < variants.size(); i++) {
                final Product.VariantSpec spec = variants.get(i);
                final String variantName = name + spec.options().stream().map(o -> " / " + o.value())
                        .reduce("", String::concat);
                final Product variant = new Product(ids.get(i), name, handleOf(name), spec.sku(), true, priceExcludingTax,
                        includingTax(priceExcludingTax), BigDecimal.ZERO, i == 0 ? null : ids.get(0), i == 0,
                        variantName, spec.options(),
                        codes(spec.sku(), spec.barcode() == null ? List.of() : List.of(spec.barcode())),
                        now, now, null, nextVersion());
                products.put(variant);
                family.add(variant);
            }
            return family;
        }
    }

    Product updateProduct(final String productId, final Consumer<ProductEdit> editor) {
        Objects.requireNonNull(editor, "editor");
        synchronized (lock) {
            final Product current = liveProduct(productId);
            final ProductEdit edit = new ProductEdit(current);
            editor.accept(edit);
            // The handle is the variant-family key in Vend and does not follow renames.
            final List<Product.ProductCode> barcodes = current.productCodes().stream()
                    .filter(c -> !"CUSTOM".equals(c.type())).toList();
            final Product updated = new Product(current.id(), edit.name(), current.handle(), edit.sku(), edit.active(),
                    edit.priceExcludingTax(), includingTax(edit.priceExcludingTax()), edit.supplyPrice(),
                    current.variantParentId(), current.hasVariants(), current.variantName(), current.variantOptions(),
                    codes(edit.sku(), barcodes), current.createdAt(), now(), null, nextVersion());
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
                    current.variantParentId(), current.hasVariants(), current.variantName(), current.variantOptions(),
                    current.productCodes(), current.createdAt(), now, now, nextVersion());
            products.put(deleted);
            return deleted;
        }
    }

    Outlet deleteOutlet(final String outletId) {
        synchronized (lock) {
            final Outlet current = outlets.get(outletId).filter(o -> !o.deleted())
                    .orElseThrow(() -> new NoSuchElementException("no such outlet: " + outletId));
            final Outlet deleted = new Outlet(current.id(), current.name(), current.timeZone(), current.currency(),
                    current.currencySymbol(), current.displayPrices(), current.physicalCountryId(), now(), nextVersion());
            outlets.put(deleted);
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

    /** Takes the next version now for a write that becomes visible only later (see {@link #setInventoryAt}). */
    long reserveVersion() {
        synchronized (lock) {
            return nextVersion();
        }
    }

    /**
     * Commits an inventory level under a version reserved earlier, which may now lie below versions already
     * served: the late-committing write reference 4 leaves unconfirmed. Fault injection only.
     */
    InventoryRecord setInventoryAt(final String productId, final String outletId, final long level, final long version) {
        synchronized (lock) {
            final String existingId = inventoryIdByProductOutlet.get(productId + '|' + outletId);
            if (existingId == null) {
                throw new NoSuchElementException("no inventory record for " + productId + " at " + outletId);
            }
            final InventoryRecord current = inventory.get(existingId).orElseThrow();
            final InventoryRecord record = new InventoryRecord(existingId, productId, outletId, level, current.reorderPoint(),
                    current.reorderAmount(), version);
            inventory.put(record);
            return record;
        }
    }

    /** Adds a level to the current one (a sale, a void, a return); no-op when the pair has no record. */
    Optional<InventoryRecord> adjustInventory(final String productId, final String outletId, final long delta) {
        synchronized (lock) {
            final String existingId = inventoryIdByProductOutlet.get(productId + '|' + outletId);
            if (existingId == null) {
                return Optional.empty();
            }
            final InventoryRecord current = inventory.get(existingId).orElseThrow();
            return Optional.of(setInventory(existingId, productId, outletId, current.inventoryLevel() + delta));
        }
    }

    /** Creates or replaces a JSON document under a new version; created_at survives a replace. */
    Doc putDoc(final String entity, final String id, final ObjectNode body) {
        synchronized (lock) {
            final VersionedTable<Doc> table = docTable(entity);
            final Instant now = now();
            final Instant created = table.get(id).map(Doc::createdAt).orElse(now);
            final Doc doc = new Doc(entity, id, body.deepCopy(), created, now, null, nextVersion(), false);
            table.put(doc);
            return doc;
        }
    }

    /**
     * Creates or replaces a JSON document under a version reserved earlier, which may now lie below versions already
     * served (see {@link #setInventoryAt}). Fault injection only.
     */
    Doc putDocAt(final String entity, final String id, final ObjectNode body, final long version) {
        synchronized (lock) {
            final VersionedTable<Doc> table = docTable(entity);
            final Instant now = now();
            final Instant created = table.get(id).map(Doc::createdAt).orElse(now);
            final Doc doc = new Doc(entity, id, body.deepCopy(), created, now, null, version, false);
            table.put(doc);
            return doc;
        }
    }

    /** A record served exactly as given, under a new version: for records Vend should never send. */
    Doc putRawDoc(final String entity, final String internalId, final ObjectNode body) {
        synchronized (lock) {
            final Instant now = now();
            final Doc doc = new Doc(entity, internalId, body.deepCopy(), now, now, null, nextVersion(), true);
            docTable(entity).put(doc);
            return doc;
        }
    }

    Doc deleteDoc(final String entity, final String id) {
        synchronized (lock) {
            final Doc current = liveDoc(entity, id);
            final Instant now = now();
            final Doc deleted = new Doc(entity, id, current.body(), current.createdAt(), now, now, nextVersion(), false);
            docTable(entity).put(deleted);
            return deleted;
        }
    }

    Doc liveDoc(final String entity, final String id) {
        synchronized (lock) {
            return docTable(entity).get(id).filter(d -> !d.deleted())
                    .orElseThrow(() -> new NoSuchElementException("no such " + entity + ": " + id));
        }
    }

    Optional<Doc> doc(final String entity, final String id) {
        synchronized (lock) {
            return docTable(entity).get(id);
        }
    }

    List<Doc> docs(final String entity) {
        synchronized (lock) {
            return docTable(entity).live();
        }
    }

    List<Doc> docPage(final String entity, final PageQuery query) {
        synchronized (lock) {
            return docTable(entity).page(query);
        }
    }

    /** Runs {@code work} under the store lock, so a multi-record change (a sale and its stock) is one step. */
    <T> T atomically(final java.util.function.Supplier<T> work) {
        synchronized (lock) {
            return work.get();
        }
    }

    /** Highest version per collection, as the (unconfirmed) 2.0 versions endpoint reports it; 0 when empty. */
    Map<String, Long> versions() {
        synchronized (lock) {
            final Map<String, Long> versions = new java.util.LinkedHashMap<>();
            versions.put("outlets", outlets.maxVersion());
            versions.put("products", products.maxVersion());
            versions.put("inventory", inventory.maxVersion());
            docs.forEach((entity, table) -> versions.put(entity, table.maxVersion()));
            return versions;
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

    private VersionedTable<Doc> docTable(final String entity) {
        final VersionedTable<Doc> table = docs.get(entity);
        if (table == null) {
            throw new IllegalArgumentException("not a document collection: " + entity + "; known " + SimCollections.DOCUMENTS);
        }
        return table;
    }

    private static List<Product.ProductCode> codes(final String sku, final List<Product.ProductCode> barcodes) {
        final List<Product.ProductCode> codes = new ArrayList<>();
        codes.add(Product.ProductCode.custom(sku));
        codes.addAll(barcodes);
        return codes;
    }

    Product liveProduct(final String productId) {
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
