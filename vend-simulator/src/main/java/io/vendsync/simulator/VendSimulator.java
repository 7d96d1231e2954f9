package io.vendsync.simulator;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.ext.web.handler.BodyHandler;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An in-process Vend (Lightspeed Retail X-Series) API 2.0 simulator on 127.0.0.1: version-cursor
 * collections, bearer auth, the fixed-window rate limit with an HTTP-date {@code Retry-After}, and
 * form-encoded 1.0-shaped webhooks. Data methods are thread-safe and each mutation takes the next
 * value of one global version counter.
 */
public final class VendSimulator implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(VendSimulator.class);
    private static final long BLOCK_SECONDS = 10;
    private static final long BODY_LIMIT_BYTES = 1024 * 1024;

    private final SimulatorOptions options;
    private final Vertx vertx;
    private final WebClient client;
    private final VendStore store;
    private final NotifyingCatalog catalog;
    private final WebhookDispatcher dispatcher;
    private final FailureInjector failures;
    private final RequestLog requests;
    private final OAuthAuthority oauth;
    private final TokenRoute tokens;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final int port;

    private VendSimulator(final SimulatorOptions options, final Vertx vertx, final WebClient client,
                          final VendStore store, final NotifyingCatalog catalog, final WebhookDispatcher dispatcher,
                          final FailureInjector failures, final RequestLog requests, final OAuthAuthority oauth,
                          final TokenRoute tokens, final int port) {
        this.options = options;
        this.vertx = vertx;
        this.client = client;
        this.store = store;
        this.catalog = catalog;
        this.dispatcher = dispatcher;
        this.failures = failures;
        this.requests = requests;
        this.oauth = oauth;
        this.tokens = tokens;
        this.port = port;
    }

    /** Binds 127.0.0.1 on {@code options.port()} (0 = ephemeral) and blocks until the server listens. */
    public static VendSimulator start(final SimulatorOptions options) {
        Objects.requireNonNull(options, "options");
        final Clock clock = Clock.systemUTC();
        final Vertx vertx = Vertx.vertx();
        try {
            final WebClient client = WebClient.create(vertx, new WebClientOptions()
                    .setConnectTimeout((int) WebhookDispatcher.RECEIVER_TIMEOUT_MS)
                    .setUserAgent("vendsync-vend-simulator"));
            final VendStore store = new VendStore(clock, retailerFor(options.domainPrefix()));
            final WebhookRegistry registry = new WebhookRegistry(store.retailer().id());
            final WebhookSigner signer = options.webhookSecret() == null ? null : new WebhookSigner(options.webhookSecret());
            final WebhookDispatcher dispatcher =
                    new WebhookDispatcher(client, registry, options.domainPrefix(), signer, clock);
            final NotifyingCatalog catalog = new NotifyingCatalog(store, dispatcher, new SaleBook(store, clock),
                    new ConsignmentBook(store, clock));
            final FailureInjector failures = new FailureInjector();
            final RequestLog requests = new RequestLog();
            final RateLimiter limiter = new RateLimiter(options.rateLimitPerWindow(), options.rateWindow(), clock);

            final Router router = Router.router(vertx);
            router.route().handler(BodyHandler.create().setBodyLimit(BODY_LIMIT_BYTES));
            final OAuthAuthority oauth = options.oauth() == null ? null
                    : new OAuthAuthority(options.oauth(), options.token(), clock);
            final TokenRoute tokens = new TokenRoute(oauth, options.domainPrefix());
            tokens.mount(router);
            final byte[] personalToken = options.token().getBytes(StandardCharsets.UTF_8);
            // Constant-time compare: a simulator, but clients copy what they see.
            router.route("/api/*").handler(new ApiGate(oauth != null ? oauth::validAccess
                    : presented -> java.security.MessageDigest.isEqual(presented.getBytes(StandardCharsets.UTF_8), personalToken),
                    limiter, failures, requests, clock));
            new ApiRoutes(store, registry, options.maxPageSize(), id -> catalog.returnSale(id, null, null), failures).mount(router);
            new SimRoutes(catalog::setInventory, requests::requests, dispatcher::deliveryCount).mount(router);
            router.route().handler(ctx -> Responses.error(ctx, 404, "No such endpoint: " + ctx.request().path()));
            router.errorHandler(405, ctx -> Responses.error(ctx, 405, "Method not allowed"));
            router.errorHandler(413, ctx -> Responses.error(ctx, 413, "Request body too large"));
            router.errorHandler(500, ctx -> {
                LOG.warn("simulator route failed", ctx.failure());
                Responses.error(ctx, 500, "Simulator error");
            });

            final HttpServer server = await(vertx.createHttpServer()
                    .requestHandler(router)
                    .listen(options.port(), "127.0.0.1"));
            final VendSimulator simulator = new VendSimulator(options, vertx, client, store, catalog, dispatcher,
                    failures, requests, oauth, tokens, server.actualPort());
            LOG.info("Vend simulator for '{}' listening on {}", options.domainPrefix(), simulator.baseUrl());
            return simulator;
        } catch (final RuntimeException e) {
            vertx.close();
            throw e;
        }
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    public String domainPrefix() {
        return options.domainPrefix();
    }

    public String token() {
        return options.token();
    }

    public SimulatorOptions options() {
        return options;
    }

    /** Adds a tax-inclusive outlet; the time zone and currency symbol follow the country and currency. */
    public Outlet addOutlet(final String name, final String currency, final String countryId) {
        return store.addOutlet(UUID.randomUUID().toString(), name, currency, countryId);
    }

    /** Adds a standalone product with inventory tracking, then fires {@code product.update}. */
    public Product addProduct(final String name, final String sku, final BigDecimal priceExcludingTax) {
        return catalog.addProduct(name, sku, priceExcludingTax);
    }

    /**
     * Edits a live product under a new version, then fires {@code product.update}, e.g.
     * {@code updateProduct(id, e -> e.sku("NEW-1").priceExcludingTax(new BigDecimal("9.50")))}.
     *
     * @throws java.util.NoSuchElementException for an unknown or deleted product
     */
    public Product updateProduct(final String productId, final Consumer<ProductEdit> edit) {
        return catalog.updateProduct(productId, edit);
    }

    /** Soft delete: sets {@code deleted_at} under a new version and fires {@code product.update}. */
    public void deleteProduct(final String productId) {
        catalog.deleteProduct(productId);
    }

    /**
     * Creates or updates the (product, outlet) record under a new version, then fires
     * {@code inventory.update} without waiting for the receivers.
     *
     * @throws java.util.NoSuchElementException for an unknown or deleted product or outlet
     */
    public InventoryRecord setInventory(final String productId, final String outletId, final long level) {
        return catalog.setInventory(productId, outletId, level);
    }

    /**
     * Loads deterministic data: outlets "Outlet 1".., products "Product 0001" with SKUs "SKU-0001"..,
     * and one inventory record per (product, outlet). Ids, prices and levels come from the seeded
     * Random, so the same seed gives the same data. Behaves like a bulk import: no webhooks fire.
     *
     * @throws IllegalStateException when the same seed was already loaded (ids would collide)
     */
    public void seed(final int outlets, final int products, final long randomSeed) {
        if (outlets < 0 || products < 0) {
            throw new IllegalArgumentException("counts must be >= 0");
        }
        final Random random = new Random(randomSeed);
        final String[] outletIds = new String[outlets];
        for (int i = 0; i < outlets; i++) {
            outletIds[i] = store.addOutlet(uuid(random), "Outlet " + (i + 1), "NZD", "NZ").id();
        }
        final String[] productIds = new String[products];
        for (int i = 0; i < products; i++) {
            final String number = String.format(Locale.ROOT, "%04d", i + 1);
            final BigDecimal price = BigDecimal.valueOf(100 + random.nextInt(19_900), 2);
            // The barcode comes from the product number, not the Random, so older seeds keep their ids.
            productIds[i] = store.addProduct(uuid(random), "Product " + number, "SKU-" + number, price,
                    List.of(Barcodes.ean13(i + 1))).id();
        }
        for (final String productId : productIds) {
            for (final String outletId : outletIds) {
                store.setInventory(uuid(random), productId, outletId, random.nextInt(100));
            }
        }
    }

    /**
     * Loads the rest of a store, deterministically from {@code randomSeed}, as a bulk import (no webhooks): the
     * default 15 % tax (the retailer's {@code default tax id}) and a No Tax, payment types Cash, Credit Card and
     * Gift Card, the customer groups All Customers and VIP, {@code registersPerOutlet} registers per live outlet,
     * {@code customers} customers, and two price books (the BASE one and a VIP one listing every live product at
     * 10 % off). Call after {@link #seed} so the price books see the products.
     */
    public void seedStore(final int registersPerOutlet, final int customers, final long randomSeed) {
        new StoreSeeder(store, new Random(randomSeed), domainPrefix()).seed(registersPerOutlet, customers);
    }

    /**
     * Adds price data for price and tax mapping, deterministically from {@code randomSeed}, as a bulk import (no webhooks):
     * a second market (outlet "Sydney", AUD, AU, displaying {@code auDisplayPrices}, with a 10 % "AU GST" as every live
     * product's outlet tax there), a dated e-commerce book "Summer Sale" (every other product at 20 % off,
     * {@code saleFrom}..{@code saleTo}, Vend date strings or null), an in-store-only book and a book bound to Sydney for the
     * first product. Call after {@link #seed} and {@link #seedStore}; the stores those seed are left as they are.
     */
    public PricingSeed seedPricing(final String auDisplayPrices, final String saleFrom, final String saleTo, final long randomSeed) {
        return new StoreSeeder(store, new Random(randomSeed), domainPrefix()).seedPricing(auDisplayPrices, saleFrom, saleTo);
    }

    /** Adds a register to a live outlet; Vend's rate limit grows by 300 per register (the simulator's does not). */
    public String addRegister(final String outletId, final String name) {
        return new StoreSeeder(store, new Random(), domainPrefix()).register(outletId, name);
    }

    /**
     * Adds a variant family, e.g. Classic Tee in Size x Colour, then fires {@code product.update} per variant. The
     * first variant is the family parent ({@code has_variants=true}); the others carry its id as {@code variant_parent_id}.
     */
    public List<Product> addVariantFamily(final String name, final BigDecimal priceExcludingTax,
                                          final List<Product.VariantSpec> variants) {
        return catalog.addVariantFamily(name, priceExcludingTax, variants);
    }

    /** Adds or replaces a customer from its 2.0 fields (without id/version), then fires {@code customer.update}. */
    /**
     * Adds the customer cases a sync must handle, as a bulk import (no webhooks): one without an email, two whose emails
     * differ only in letter case, and one deleted, all in the VIP group; then Vend's walk-in customer (customer_code
     * WALKIN, no name or email), which every store has. Call after {@link #seedStore}. Returns their ids in that order.
     */
    public List<String> seedCustomerCases(final long randomSeed) {
        return new StoreSeeder(store, new Random(randomSeed), domainPrefix()).customerCases(10_000);
    }

    public JsonNode putCustomer(final String id, final ObjectNode fields) {
        return catalog.putCustomer(id, fields).render();
    }

    public void deleteCustomer(final String id) {
        catalog.deleteCustomer(id);
    }

    /**
     * Rings up a CLOSED sale on a register, paid in full with one payment, which lowers stock at the register's
     * outlet; fires {@code sale.update} and {@code inventory.update}. Returns the sale's 2.0 JSON.
     */
    public JsonNode createSale(final String registerId, final String customerId, final List<SaleLine> lines,
                               final String paymentTypeId) {
        return catalog.createSale(registerId, customerId, lines, paymentTypeId).render();
    }

    /**
     * Rings up a sale with line discounts ({@link SaleLine#unitDiscount()}) and one or more payments (a split payment):
     * {@code status} CLOSED (paid in full), or ONACCOUNT / LAYBY (pending, with a customer; {@link #paySale} closes it).
     * Fires {@code sale.update} (and {@code inventory.update} for the stock it takes). Returns the sale's 2.0 JSON.
     */
    public JsonNode createSale(final String registerId, final String customerId, final List<SaleLine> lines,
                               final List<SalePayment> payments, final String status) {
        return catalog.createSale(registerId, customerId, lines, payments, status).render();
    }

    /**
     * Adds a payment to an ONACCOUNT or LAYBY sale (a new version of it); once it is paid in full it becomes
     * ONACCOUNT_CLOSED or LAYBY_CLOSED. {@code amount} null pays what is owed. Returns the sale's 2.0 JSON.
     */
    public JsonNode paySale(final String saleId, final String paymentTypeId, final java.math.BigDecimal amount) {
        return catalog.paySale(saleId, paymentTypeId, amount).render();
    }

    /**
     * Gives the store the product Vend rings sale-level discounts up as ({@code Retailer.discount_product_id}, reference
     * 5.5 and 5.9): "Discount", SKU {@code vend-discount}, price 0, no stock, as a bulk import (no webhooks); the
     * retailer then names it. Returns its id.
     */
    public String addDiscountProduct() {
        final Product product = store.addProduct(UUID.randomUUID().toString(), "Discount", "vend-discount", BigDecimal.ZERO);
        store.discountProductId(product.id());
        return product.id();
    }

    /** Adds a tax with one rate (0.05 = 5 %), not the default, as a bulk import (no webhooks). Returns the tax id. */
    public String addTax(final String name, final BigDecimal rate) {
        return new StoreSeeder(store, new Random(), domainPrefix()).addTax(name, rate);
    }

    /**
     * Sets the tax a product sells with at an outlet (its 2.0 outlet tax, reference 5.2), as a bulk import (no webhooks):
     * its sale lines there carry that {@code tax_id} and rate, so one sale can hold two tax rates.
     */
    public void setOutletTax(final String productId, final String outletId, final String taxId) {
        store.liveDoc("taxes", taxId);
        new StoreSeeder(store, new Random(), domainPrefix()).outletTax(productId, outletId, taxId);
    }

    /**
     * Rings up a CLOSED sale as {@link #createSale(String, String, List, List, String)} does, with a sale-level discount of
     * {@code saleDiscount} (excluding tax) as one more line for the retailer's discount product at minus that amount
     * (needs {@link #addDiscountProduct}). Fires {@code sale.update} and {@code inventory.update}. Returns the sale's 2.0 JSON.
     */
    public JsonNode createSaleWithSaleDiscount(final String registerId, final String customerId, final List<SaleLine> lines,
                                               final List<SalePayment> payments, final BigDecimal saleDiscount) {
        return catalog.createSaleWithSaleDiscount(registerId, customerId, lines, payments, saleDiscount).render();
    }

    /** Voids a CLOSED sale: a new version of the same id with status VOIDED; the stock goes back, the payments are deleted. */
    public JsonNode voidSale(final String saleId) {
        return catalog.voidSale(saleId).render();
    }

    /** Returns a CLOSED sale: a new sale with {@code return_for}, negative lines and a refund, closed. */
    public JsonNode returnSale(final String saleId) {
        return catalog.returnSale(saleId, null, null).render();
    }

    /**
     * Returns part of a CLOSED sale (several partial returns of one sale may follow): a new sale with {@code return_for},
     * the returned {@code lines} negative at the sale's prices, refunded with {@code paymentTypeId} (null: the way the
     * sale was paid), closed; the returned stock comes back. Returns the return's 2.0 JSON.
     */
    public JsonNode returnSale(final String saleId, final List<SaleLine> lines, final String paymentTypeId) {
        return catalog.returnSale(saleId, lines, paymentTypeId).render();
    }

    /**
     * Exchanges items of a CLOSED sale as X-Series does: one return sale with {@code return_for}, the {@code returned} lines
     * negative at the sale's prices and the {@code bought} lines positive at their current prices, one payment of
     * {@code paymentTypeId} for the difference (negative: refunded), closed; the stock moves both ways. Returns its 2.0 JSON.
     */
    public JsonNode exchangeSale(final String saleId, final List<SaleLine> returned, final List<SaleLine> bought, final String paymentTypeId) {
        if (bought.isEmpty()) {
            throw new IllegalArgumentException("an exchange sells at least one new item; use returnSale for a plain return");
        }
        return catalog.exchangeSale(saleId, returned, bought, paymentTypeId).render();
    }

    /**
     * Creates an OPEN consignment (no webhook: Vend has no consignment.create). {@code type} is OUTLET (a transfer
     * from {@code sourceOutletId}), SUPPLIER or RETURN; {@code supplierId} may be null. Returns its 2.0 JSON.
     */
    public JsonNode createConsignment(final String type, final String sourceOutletId, final String outletId,
                                      final String supplierId, final List<SaleLine> lines) {
        return catalog.createConsignment(type, sourceOutletId, outletId, supplierId, lines).render();
    }

    /** Sends an OPEN consignment: a transfer's stock leaves its source outlet; fires {@code consignment.send}. */
    public JsonNode sendConsignment(final String id) {
        return catalog.sendConsignment(id).render();
    }

    /** Receives a consignment: its stock arrives at its outlet; fires {@code consignment.receive}. */
    public JsonNode receiveConsignment(final String id) {
        return catalog.receiveConsignment(id).render();
    }

    /**
     * Creates or replaces a record of a JSON-kept collection from its 2.0 fields (without id, version, timestamps)
     * under a new version, as an edit in Vend's back office would; no webhook (Vend has none for these).
     */
    public JsonNode putRecord(final String entity, final String id, final ObjectNode fields) {
        return store.putDoc(entity, id, fields).render();
    }

    /**
     * Soft-deletes a record (sets {@code deleted_at} under a new version): a JSON-kept collection's, a product
     * (fires {@code product.update}) or an outlet. Collections without {@code deleted=true} then stop listing it.
     */
    public void deleteRecord(final String entity, final String id) {
        switch (entity) {
            case "products" -> catalog.deleteProduct(id);
            case "outlets" -> store.deleteOutlet(id);
            default -> store.deleteDoc(entity, id);
        }
    }

    /** The store's key of a record in {@link #records}: its id, or product/outlet for an outlet tax (which has none). */
    public static String keyOf(final String entity, final JsonNode record) {
        return "outlet_taxes".equals(entity)
                ? record.path("product_id").asText() + '/' + record.path("outlet_id").asText()
                : record.path("id").asText();
    }

    /** The live objects of a JSON-kept collection (registers, taxes, payment_types, customer_groups, customers,
     * brands, suppliers, product_types, outlet_taxes, price_books, price_book_products, consignments, sales) in their
     * 2.0 shape. */
    public List<JsonNode> records(final String entity) {
        return store.docs(entity).stream().filter(d -> !d.raw()).map(d -> (JsonNode) d.render()).toList();
    }

    /**
     * Serves {@code json} as the next record of {@code entity} exactly as given (say, without an id or version),
     * under a new version, for bad-input tests. Returns that version.
     */
    public long addRawRecord(final String entity, final ObjectNode json) {
        return store.putRawDoc(entity, "raw-" + UUID.randomUUID(), json).version();
    }

    public List<Outlet> outlets() {
        return store.outlets();
    }

    public List<Product> products() {
        return store.products();
    }

    public List<InventoryRecord> inventory() {
        return store.inventory();
    }

    /** The highest version handed out so far. */
    public long currentVersion() {
        return store.lastVersion();
    }

    /**
     * Fault injection for the case reference 4 leaves unconfirmed: a write takes its version now and becomes visible
     * only when the returned action runs, by which time readers may have moved their cursor past that version. No
     * webhook fires.
     */
    public Runnable beginLateInventoryWrite(final String productId, final String outletId, final long level) {
        final long version = store.reserveVersion();
        return () -> store.setInventoryAt(productId, outletId, level, version);
    }

    /**
     * As {@link #beginLateInventoryWrite}, for a record of a JSON-kept collection ({@link #putRecord}): its version is
     * taken now, the record changes only when the returned action runs.
     */
    public Runnable beginLateWrite(final String entity, final String id, final ObjectNode fields) {
        final long version = store.reserveVersion();
        return () -> store.putDocAt(entity, id, fields, version);
    }

    /** Requests that reached {@code /api/...}, whatever their outcome; {@code /_sim} is not counted. */
    public long requestCount() {
        return requests.requests();
    }

    /** When each {@code /api/...} request arrived, in arrival order. */
    public List<Instant> requestTimes() {
        return requests.times();
    }

    /** Requests the rate limit answered 429 (injected 429s not included). */
    public long rateLimitedCount() {
        return requests.rateLimitedCount();
    }

    /** The next {@code count} API requests answer 200 with an HTML body instead of JSON. */
    public void injectNonJsonBodies(final int count) {
        failures.armNonJson(count);
    }

    /** Delays every API request by {@code latency} (zero turns it off), to make reads slow enough to interrupt. */
    public void injectLatency(final Duration latency) {
        failures.latency(latency);
    }

    /** The next {@code count} API requests answer {@code httpStatus} instead of being served. */
    public void injectFailures(final int count, final int httpStatus) {
        failures.arm(count, httpStatus);
    }

    /** The next {@code count} API requests meet {@code fault} (page faults: the next {@code count} collection pages). */
    public void injectFault(final VendFault fault, final int count) {
        failures.arm(fault, count);
    }

    /** As {@link #injectFault(VendFault, int)}, once {@code after} more pages (or requests) were served unharmed. */
    public void injectFault(final VendFault fault, final int count, final int after) {
        failures.arm(fault, count, after);
    }

    /**
     * The next {@code count} API requests are answered {@code status} (301, 302, 303, 307, 308) with a Location of
     * the same path and query at {@code origin} ({@code scheme://host:port}): another host, or this one.
     */
    public void injectRedirect(final int count, final int status, final String origin) {
        failures.armRedirect(count, new FailureInjector.Redirect(status, origin));
    }

    /**
     * The next {@code count} API requests are answered 429 with {@code Retry-After: <retryAfter>} as given (delta
     * seconds, an HTTP-date, or garbage), {@code X-RateLimit-Remaining: 0} and the window's {@code X-RateLimit-Reset}.
     */
    public void injectThrottle(final int count, final String retryAfter) {
        failures.armThrottle(count, retryAfter);
    }

    /** Requests to {@code POST /api/1.0/token}, refused ones included; not in {@link #requestCount()}. */
    public long tokenRequestCount() {
        return tokens.requests();
    }

    /** Successful OAuth refreshes (each rotated the refresh token); 0 without an OAuth app. */
    public int oauthRefreshes() {
        return oauth == null ? 0 : oauth.refreshes();
    }

    /** The refresh token that works now, as the operator would get it by re-authorising the app. */
    public java.util.Optional<String> currentRefreshToken() {
        return oauth == null ? java.util.Optional.empty() : oauth.currentRefreshToken();
    }

    /** The store revokes the OAuth app: every access and refresh token stops working. */
    public void revokeOAuth() {
        if (oauth == null) {
            throw new IllegalStateException("the simulator was started without an OAuth app");
        }
        oauth.revoke();
    }

    /**
     * Delivers an earlier webhook again, byte for byte (re-signed): a duplicate, or, once a newer delivery for the
     * same object went out, an older one arriving out of order. Does not wait for the receiver.
     */
    public void redeliver(final WebhookDelivery previous) {
        dispatcher.redeliver(previous);
    }

    /** Completed delivery attempts, in completion order. */
    public List<WebhookDelivery> deliveries() {
        return dispatcher.deliveries();
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        client.close();
        try {
            await(vertx.close());
        } catch (final RuntimeException e) {
            LOG.warn("Vend simulator did not shut down cleanly", e);
        }
    }

    private static RetailerProfile retailerFor(final String domainPrefix) {
        return new RetailerProfile(stableId("retailer", domainPrefix), domainPrefix, domainPrefix, "Pacific/Auckland",
                "NZ", "NZD", "$", new BigDecimal("0.15"), stableId("tax", domainPrefix),
                stableId("customer-group", domainPrefix));
    }

    // Same prefix, same ids across runs, so recorded fixtures stay valid.
    private static String stableId(final String kind, final String domainPrefix) {
        return UUID.nameUUIDFromBytes((kind + ':' + domainPrefix).getBytes(StandardCharsets.UTF_8)).toString();
    }

    /** A random (version 4 layout) UUID drawn from the given Random, for reproducible seeds. */
    private static String uuid(final Random random) {
        final long msb = (random.nextLong() & ~0xF000L) | 0x4000L;
        final long lsb = (random.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
        return new UUID(msb, lsb).toString();
    }

    private static <T> T await(final Future<T> future) {
        try {
            return future.toCompletionStage().toCompletableFuture().get(BLOCK_SECONDS, TimeUnit.SECONDS);
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (final ExecutionException e) {
            throw new IllegalStateException(e.getCause().getMessage(), e.getCause());
        } catch (final TimeoutException e) {
            throw new IllegalStateException("timed out after " + BLOCK_SECONDS + " s", e);
        }
    }
}
