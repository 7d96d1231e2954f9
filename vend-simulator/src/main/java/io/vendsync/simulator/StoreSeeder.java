package io.vendsync.simulator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Random;
import java.util.UUID;

/** Fills the JSON-kept collections with a plausible store in the 2.0 shapes (reference 5.4 to 5.8). */
final class StoreSeeder {
    private static final String[] FIRST = {"Jane", "Aroha", "Liam", "Mei", "Tama", "Olivia", "Noah", "Priya"};
    private static final String[] LAST = {"Doe", "Ngata", "Smith", "Chen", "Walker", "Patel", "Brown", "Wilson"};

    private final VendStore store;
    private final Random random;
    private final String domainPrefix;

    StoreSeeder(final VendStore store, final Random random, final String domainPrefix) {
        this.store = store;
        this.random = random;
        this.domainPrefix = domainPrefix;
    }

    void seed(final int registersPerOutlet, final int customers) {
        if (registersPerOutlet < 0 || customers < 0) {
            throw new IllegalArgumentException("counts must be >= 0");
        }
        final RetailerProfile retailer = store.retailer();
        tax(retailer.defaultTaxId(), "GST", retailer.defaultTaxRate(), true);
        tax(uuid(), "No Tax", BigDecimal.ZERO, false);
        paymentType("Cash", 1);
        paymentType("Credit Card", 2);
        paymentType("Gift Card", 118);
        customerGroup(retailer.allCustomersGroupId(), "All Customers", "1111111111");
        final String vip = customerGroup(uuid(), "VIP", String.format(Locale.ROOT, "%010d", random.nextInt(1_000_000_000)));
        int outletNumber = 0;
        for (final Outlet outlet : store.outlets()) {
            outletNumber++;
            for (int r = 1; r <= registersPerOutlet; r++) {
                register(outlet.id(), outlet.name() + " Register " + r, "O" + outletNumber + "R" + r + "-");
            }
        }
        for (int i = 0; i < customers; i++) {
            customer(i, i % 5 == 0 ? vip : retailer.allCustomersGroupId());
        }
        priceBook(uuid(), "General Price Book (All Products)", "BASE", retailer.allCustomersGroupId());
        final String vipBook = priceBook(uuid(), "VIP 10% off", "GENERAL", vip);
        for (final Product product : store.products()) {
            priceBookProduct(vipBook, product);
        }
        // Drawn last, so stores seeded before these collections existed keep their ids.
        brand("Harrys", "Shaving goods");
        brand("Acme", "");
        supplier("Harrys Wholesale");
        supplier("Acme Distribution");
        productType("General");
        productType("Apparel");
        for (final Product product : store.products()) {
            for (final Outlet outlet : store.outlets()) {
                outletTax(product.id(), outlet.id(), retailer.defaultTaxId());
            }
        }
    }

    /**
     * Price data beyond {@link #seed}: a second market (an AUD outlet in Australia, displaying {@code auDisplayPrices}, with a
     * 10 % AU GST as every live product's outlet tax there), a dated e-commerce sale book for every other product (20 % off,
     * {@code saleFrom}..{@code saleTo}), an in-store-only book and a book bound to the Australian outlet for the first product.
     * Call after {@link #seed}; the ids come from this seeder's Random.
     */
    PricingSeed seedPricing(final String auDisplayPrices, final String saleFrom, final String saleTo) {
        final String auTax = uuid();
        tax(auTax, "AU GST", new BigDecimal("0.10"), false);
        final Outlet sydney = store.addOutlet(uuid(), "Sydney", "AUD", "AU", auDisplayPrices);
        final java.util.List<Product> products = store.products().stream().filter(p -> !p.deleted()).toList();
        for (final Product product : products) {
            outletTax(product.id(), sydney.id(), auTax);
        }
        final String sale = priceBook(uuid(), "Summer Sale", "GENERAL", store.retailer().allCustomersGroupId(), null, saleFrom,
                saleTo, "2");
        for (int i = 0; i < products.size(); i += 2) {
            priceBookProduct(sale, products.get(i), new BigDecimal("0.8"), null);
        }
        final String inStore = priceBook(uuid(), "Staff in store", "GENERAL", store.retailer().allCustomersGroupId(), null, null,
                null, "1");
        final String sydneyBook = priceBook(uuid(), "Sydney prices", "GENERAL", store.retailer().allCustomersGroupId(),
                sydney.id(), null, null, "0");
        if (!products.isEmpty()) {
            priceBookProduct(inStore, products.get(0), new BigDecimal("0.5"), null);
            priceBookProduct(sydneyBook, products.get(0), new BigDecimal("1.1"), auTax);
        }
        return new PricingSeed(sydney.id(), auTax, sale, inStore, sydneyBook);
    }

    /** 2.0 brand (per xs20 {@code Brand}): {@code id, name, description, deleted_at, version}. */
    String brand(final String name, final String description) {
        final ObjectNode body = Json.object();
        body.put("name", name);
        body.put("description", description);
        return store.putDoc("brands", uuid(), body).id();
    }

    /** 2.0 supplier (per xs20 {@code Supplier}): name, source, description and a contact block. */
    String supplier(final String name) {
        final ObjectNode body = Json.object();
        body.put("name", name);
        body.put("source", "USER");
        body.put("description", "");
        final ObjectNode contact = body.putObject("contact");
        contact.putNull("first_name");
        contact.putNull("last_name");
        contact.putNull("company_name");
        contact.putNull("phone");
        contact.putNull("email");
        return store.putDoc("suppliers", uuid(), body).id();
    }

    /** 2.0 product type (per xs20 {@code ProductType}): {@code id, name, deleted_at, version}. */
    String productType(final String name) {
        final ObjectNode body = Json.object();
        body.put("name", name);
        return store.putDoc("product_types", uuid(), body).id();
    }

    /** 2.0 outlet tax (reference 5.2): no id of its own; the store keys it by product and outlet. */
    void outletTax(final String productId, final String outletId, final String taxId) {
        final ObjectNode body = Json.object();
        body.put("outlet_id", outletId);
        body.put("product_id", productId);
        body.put("tax_id", taxId);
        store.putDoc("outlet_taxes", outletTaxKey(productId, outletId), body);
    }

    static String outletTaxKey(final String productId, final String outletId) {
        return productId + '/' + outletId;
    }

    String register(final String outletId, final String name) {
        return register(outletId, name, name.replaceAll("[^A-Za-z0-9]", "").toUpperCase(Locale.ROOT) + "-");
    }

    private String register(final String outletId, final String name, final String invoicePrefix) {
        store.outlets().stream().filter(o -> o.id().equals(outletId)).findFirst()
                .orElseThrow(() -> new java.util.NoSuchElementException("no such outlet: " + outletId));
        final ObjectNode body = Json.object();
        body.put("name", name);
        body.put("outlet_id", outletId);
        body.put("invoice_prefix", invoicePrefix);
        body.put("invoice_suffix", "");
        body.put("invoice_sequence", 1000);
        body.put("is_open", true);
        body.put("print_note_on_receipt", false);
        body.put("ask_for_user_on_sale", false);
        body.put("show_discounts_on_receipts", true);
        body.putNull("button_layout_id");
        body.putNull("register_open_time");
        body.putNull("register_close_time");
        body.putNull("register_open_sequence_id");
        body.putNull("cash_managed_payment_type_id");
        body.putNull("receipt_template_id");
        body.put("print_receipt", true);
        body.put("email_receipt", false);
        body.put("ask_for_note_on_save", 0);
        return store.putDoc("registers", uuid(), body).id();
    }

    /** A tax with one rate, not the default; returns its id. */
    String addTax(final String name, final BigDecimal rate) {
        final String id = uuid();
        tax(id, name, rate, false);
        return id;
    }

    private void tax(final String id, final String name, final BigDecimal rate, final boolean isDefault) {
        final ObjectNode body = Json.object();
        body.put("name", name);
        body.put("display_name", name);
        body.put("is_default", isDefault);
        final ObjectNode entry = body.putArray("rates").addObject();
        entry.put("id", stableId("tax-rate:" + id));
        entry.put("name", name);
        entry.put("display_name", name);
        entry.put("rate", rate);
        entry.putArray("rules");
        store.putDoc("taxes", id, body);
    }

    /** {@code type_id} is an integer, Vend's global payment type (spec 2.0 PaymentType: "type_id": 118 for Gift Card). */
    private String paymentType(final String name, final int typeId) {
        final ObjectNode body = Json.object();
        body.put("name", name);
        body.put("type_id", typeId);
        body.putObject("config").putNull("url").put("print", false);
        return store.putDoc("payment_types", uuid(), body).id();
    }

    private String customerGroup(final String id, final String name, final String groupId) {
        final ObjectNode body = Json.object();
        body.put("name", name);
        body.put("group_id", groupId);
        body.put("retailer_id", store.retailer().id());
        return store.putDoc("customer_groups", id, body).id();
    }

    private void customer(final int index, final String groupId) {
        final String first = FIRST[random.nextInt(FIRST.length)];
        final String last = LAST[random.nextInt(LAST.length)];
        customer(uuid(), index, groupId, first, last, (first + "." + last + "+" + index + "@example.com").toLowerCase(Locale.ROOT));
    }

    private Doc customer(final String id, final int index, final String groupId, final String first, final String last,
                         final String email) {
        // Every field of the 2.0 Customer (spec 2.0 and Lightspeed's 2.0 OpenAPI, GET /customers example), null where a
        // cashier typically leaves it empty, so a reader of this shape meets what a real store sends.
        final ObjectNode body = Json.object();
        body.put("customer_code", (first + "-" + Integer.toString(index + 1000, 36)).toUpperCase(Locale.ROOT));
        body.put("customer_group_id", groupId);
        body.put("first_name", first);
        body.put("last_name", last);
        body.put("name", first + " " + last);
        body.put("email", email);
        body.putNull("company_name");
        body.put("phone", String.format(Locale.ROOT, "+64 9 555 %04d", index % 10_000));
        body.putNull("mobile");
        body.putNull("fax");
        body.putNull("twitter");
        body.putNull("website");
        body.putNull("gender");
        body.putNull("date_of_birth");
        body.put("note", "");
        body.put("do_not_email", false);
        body.put("enable_loyalty", index % 2 == 0);
        body.put("loyalty_balance", BigDecimal.ZERO);
        body.put("balance", BigDecimal.ZERO);
        body.put("year_to_date", BigDecimal.ZERO);
        body.putNull("on_account_limit");
        for (final String kind : new String[] {"physical", "postal"}) {
            body.put(kind + "_address_1", (index % 90 + 1) + " Queen Street");
            body.putNull(kind + "_address_2");
            body.putNull(kind + "_suburb");
            body.put(kind + "_city", "Auckland");
            body.put(kind + "_postcode", "1010");
            body.putNull(kind + "_state");
            body.put(kind + "_country_id", "NZ");
        }
        for (int f = 1; f <= 4; f++) {
            body.put("custom_field_" + f, "");
        }
        return store.putDoc("customers", id, body);
    }

    /**
     * The customers real stores have and a sync must handle (reference: Vend keeps emails non-unique, lets a customer
     * have none, deletes softly): one without an email, two whose emails differ only in letter case (the first created
     * first), and one deleted, all in the VIP group; then Vend's walk-in customer. Returns their ids in that order.
     */
    java.util.List<String> customerCases(final int firstIndex) {
        final String vip = store.docs("customer_groups").stream().filter(d -> !d.deleted() && "VIP".equals(d.body().path("name").asText()))
                .map(Doc::id).findFirst().orElseThrow(() -> new IllegalStateException("seed the store first: no VIP group"));
        final String noEmail = customer(uuid(), firstIndex, vip, "Nora", "Noemail", null).id();
        // created_at has whole seconds, so the twins may tie on it; the first created gets the smaller id, so it is the
        // older one by (created_at, id) too.
        final String a = uuid();
        final String b = uuid();
        final String twin = customer(a.compareTo(b) < 0 ? a : b, firstIndex + 1, vip, "Pat", "Twin", "Pat.Twin@Example.com").id();
        final String twinLower = customer(a.compareTo(b) < 0 ? b : a, firstIndex + 2, vip, "Pat", "Twin", "pat.twin@example.com").id();
        final String gone = customer(uuid(), firstIndex + 3, vip, "Gone", "Away", "gone.away@example.com").id();
        store.deleteDoc("customers", gone);
        return java.util.List.of(noEmail, twin, twinLower, gone, walkIn());
    }

    /**
     * Vend's walk-in customer, which every store has and anonymous sales name: customer_code WALKIN, no name, no email,
     * every other field null, in All Customers (the official vend-cli's govend customer.go, GET /api/2.0/customers example).
     */
    private String walkIn() {
        final ObjectNode body = Json.object();
        body.put("customer_code", "WALKIN");
        body.put("customer_group_id", store.retailer().allCustomersGroupId());
        for (final String field : new String[] {"first_name", "last_name", "name", "email", "company_name", "phone", "mobile", "fax",
                "twitter", "website", "gender", "date_of_birth", "note", "on_account_limit"}) {
            body.putNull(field);
        }
        body.put("do_not_email", false);
        body.put("enable_loyalty", false);
        body.put("loyalty_balance", BigDecimal.ZERO);
        body.put("balance", BigDecimal.ZERO);
        body.put("year_to_date", BigDecimal.ZERO);
        for (final String kind : new String[] {"physical", "postal"}) {
            for (final String part : new String[] {"_address_1", "_address_2", "_suburb", "_city", "_postcode", "_state", "_country_id"}) {
                body.putNull(kind + part);
            }
        }
        for (int f = 1; f <= 4; f++) {
            body.putNull("custom_field_" + f);
        }
        return store.putDoc("customers", stableId("walk-in-customer"), body).id();
    }

    private String priceBook(final String id, final String name, final String type, final String customerGroupId) {
        return priceBook(id, name, type, customerGroupId, null, null, null, "0");
    }

    /** {@code platformKey}: "0" all, "1" in-store, "2" ecommerce (reference 5.8); validity and outlet may be null. */
    private String priceBook(final String id, final String name, final String type, final String customerGroupId,
                             final String outletId, final String validFrom, final String validTo, final String platformKey) {
        final ObjectNode body = Json.object();
        body.put("name", name);
        body.put("type", type);
        body.put("customer_group_id", customerGroupId);
        body.put("outlet_id", outletId);
        body.put("valid_from", validFrom);
        body.put("valid_to", validTo);
        body.put("restrict_to_platform_key", platformKey);
        body.put("restrict_to_platform_label", switch (platformKey) {
            case "1" -> "In-store";
            case "2" -> "eCommerce";
            default -> "All";
        });
        return store.putDoc("price_books", id, body).id();
    }

    /** A book entry at {@code factor} x the product's tax-exclusive price; {@code taxId} null means the product's own tax. */
    private void priceBookProduct(final String priceBookId, final Product product, final BigDecimal factor, final String taxId) {
        final ObjectNode body = Json.object();
        body.put("price_book_id", priceBookId);
        body.put("product_id", product.id());
        body.put("price", product.priceExcludingTax().multiply(factor).setScale(5, RoundingMode.HALF_UP));
        body.put("tax_id", taxId);
        body.putNull("retail_tax");
        body.putNull("loyalty_value");
        body.putNull("min_units");
        body.putNull("max_units");
        body.putNull("adjustment_type");
        body.putNull("adjustment");
        store.putDoc("price_book_products", uuid(), body);
    }

    private void priceBookProduct(final String priceBookId, final Product product) {
        final ObjectNode body = Json.object();
        body.put("price_book_id", priceBookId);
        body.put("product_id", product.id());
        // 2.0 price-book prices are tax-exclusive (reference 9).
        body.put("price", product.priceExcludingTax().multiply(new BigDecimal("0.9")).setScale(5, RoundingMode.HALF_UP));
        body.put("tax_id", store.retailer().defaultTaxId());
        body.putNull("retail_tax");
        body.putNull("loyalty_value");
        body.putNull("min_units");
        body.putNull("max_units");
        body.put("adjustment_type", "PERCENTAGE");
        body.put("adjustment", -10);
        store.putDoc("price_book_products", uuid(), body);
    }

    private String uuid() {
        final long msb = (random.nextLong() & ~0xF000L) | 0x4000L;
        final long lsb = (random.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
        return new UUID(msb, lsb).toString();
    }

    private String stableId(final String kind) {
        return UUID.nameUUIDFromBytes((kind + ':' + domainPrefix).getBytes(StandardCharsets.UTF_8)).toString();
    }
}
