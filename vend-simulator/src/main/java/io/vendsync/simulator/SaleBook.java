package io.vendsync.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Sales in the 2.0 shape (reference 5.9): a CLOSED sale decrements stock at the register's outlet, a void is a
 * new version of the same sale that puts the stock back, and a return is a separate sale with {@code return_for},
 * negative quantities and a refund. Each operation, stock included, is one step under the store lock.
 */
final class SaleBook {
    /** A sale after an operation, and the inventory records it changed. */
    record Result(Doc sale, List<InventoryRecord> stock) {
    }

    private static final int MONEY_SCALE = 2;
    private static final int UNIT_SCALE = 5;

    private final VendStore store;
    private final Clock clock;
    private final AtomicLong invoiceSequence = new AtomicLong(1000);

    SaleBook(final VendStore store, final Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    Result create(final String registerId, final String customerId, final List<SaleLine> lines, final String paymentTypeId) {
        return create(registerId, customerId, lines, List.of(SalePayment.rest(paymentTypeId)), "CLOSED");
    }

    /**
     * Rings up a sale with line discounts and any number of payments (a split payment). {@code status} CLOSED needs the
     * payments to cover the total; ONACCOUNT and LAYBY are pending sales that {@link #pay} closes later (reference 5.9:
     * CLOSED and ONACCOUNT decrement stock at once, a layby when it is closed).
     */
    Result create(final String registerId, final String customerId, final List<SaleLine> lines, final List<SalePayment> payments,
                  final String status) {
        return create(registerId, customerId, lines, payments, status, null);
    }

    /**
     * {@link #create} with a sale-level discount of {@code saleDiscount} (excluding tax; null for none): Vend rings it up as
     * one more line, for the retailer's discount product (reference 5.9: {@code Retailer.discount_product_id}), at a negative
     * price, taxed like that product at the outlet.
     */
    Result create(final String registerId, final String customerId, final List<SaleLine> lines, final List<SalePayment> payments,
                  final String status, final BigDecimal saleDiscount) {
        if (lines.isEmpty()) {
            throw new IllegalArgumentException("a sale needs at least one line");
        }
        if (!List.of("CLOSED", "ONACCOUNT", "LAYBY").contains(status)) {
            throw new IllegalArgumentException("the simulator rings up CLOSED, ONACCOUNT or LAYBY sales, not " + status);
        }
        return store.atomically(() -> {
            final Doc register = store.liveDoc("registers", registerId);
            if (customerId != null) {
                store.liveDoc("customers", customerId);
            } else if (!"CLOSED".equals(status)) {
                throw new IllegalArgumentException("an on-account or layby sale needs a customer");
            }
            final String outletId = register.body().path("outlet_id").asText();
            final long sequence = invoiceSequence.incrementAndGet();
            final ObjectNode body = header(outletId, registerId, customerId, null,
                    register.body().path("invoice_prefix").asText("") + sequence, sequence);
            final ArrayNode items = body.putArray("line_items");
            int position = 0;
            for (final SaleLine line : lines) {
                final Product product = store.liveProduct(line.productId());
                items.add(lineItem(product.id(), outletId, BigDecimal.valueOf(line.quantity()), product.priceExcludingTax(),
                        line.unitDiscount(), position++, false));
            }
            if (saleDiscount != null) {
                final String discountProduct = store.discountProductId();
                if (discountProduct == null) {
                    throw new IllegalStateException("a sale-level discount needs the retailer's discount product: addDiscountProduct first");
                }
                items.add(lineItem(discountProduct, outletId, BigDecimal.ONE, saleDiscount.negate(), BigDecimal.ZERO, position, false));
            }
            totals(body);
            body.putArray("payments");
            for (final SalePayment payment : payments) {
                addPayment(body, store.liveDoc("payment_types", payment.paymentTypeId()), registerId, outletId, payment.amount());
            }
            final boolean covered = owed(body).signum() <= 0;
            if ("CLOSED".equals(status) && !covered) {
                throw new IllegalArgumentException("a CLOSED sale must be paid in full; " + owed(body) + " is owed");
            }
            setStatus(body, status);
            final List<InventoryRecord> stock = "LAYBY".equals(status) ? List.of() : restock(body, -1);
            return new Result(store.putDoc("sales", UUID.randomUUID().toString(), body), stock);
        });
    }

    /**
     * Pays (part of) a pending sale: a new version of the same sale with one more payment; once the payments cover it,
     * ONACCOUNT becomes ONACCOUNT_CLOSED and LAYBY becomes LAYBY_CLOSED (and the layby's stock goes out).
     *
     * @param amount null pays what is still owed
     */
    Result pay(final String saleId, final String paymentTypeId, final BigDecimal amount) {
        return store.atomically(() -> {
            final Doc current = store.liveDoc("sales", saleId);
            final String status = current.body().path("status").asText();
            if (!"ONACCOUNT".equals(status) && !"LAYBY".equals(status)) {
                throw new IllegalStateException("sale " + saleId + " is " + status + "; only an ONACCOUNT or LAYBY sale takes payments later");
            }
            final ObjectNode body = current.body().deepCopy();
            addPayment(body, store.liveDoc("payment_types", paymentTypeId), body.path("register_id").asText(),
                    body.path("outlet_id").asText(), amount);
            List<InventoryRecord> stock = List.of();
            if (owed(body).signum() <= 0) {
                setStatus(body, status + "_CLOSED");
                if ("LAYBY".equals(status)) {
                    stock = restock(body, -1);
                }
            }
            return new Result(store.putDoc("sales", saleId, body), stock);
        });
    }

    /** CLOSED to VOIDED, the only transition a closed sale allows; the stock goes back and the payments are deleted. */
    Result voidSale(final String saleId) {
        return store.atomically(() -> {
            final Doc current = requireClosed(saleId);
            final ObjectNode body = current.body().deepCopy();
            body.put("status", "VOIDED");
            body.put("state", "voided");
            body.withArray("line_items").forEach(item -> ((ObjectNode) item).put("status", "VOIDED"));
            // docs sales_statuses: "all the line-items ... returned into inventory and all payments will be deleted".
            body.putArray("payments");
            final List<InventoryRecord> stock = restock(body, 1);
            return new Result(store.putDoc("sales", saleId, body), stock);
        });
    }

    /**
     * The return Vend's {@code actions/return} starts: a new sale, parked, with {@code return_for} and negative
     * lines; the refund is then paid and the return closed (a second version), and the stock comes back.
     *
     * @param lines what comes back (positive quantities, each of a product the sale sold, at the sale's price); null: all
     */
    Result returnSale(final String saleId, final List<SaleLine> lines, final String paymentTypeId) {
        return returnSale(saleId, lines, paymentTypeId, List.of());
    }

    /**
     * A return, or an exchange when {@code bought} is not empty: X-Series rings an exchange up as one return sale whose
     * new items are positive lines at their current price, beside the returned ones; the one payment (of
     * {@code paymentTypeId}) is the difference, charged or refunded.
     */
    Result returnSale(final String saleId, final List<SaleLine> lines, final String paymentTypeId, final List<SaleLine> bought) {
        return store.atomically(() -> {
            final Doc original = requireClosed(saleId);
            // A refund goes back the way the sale was paid unless the caller says otherwise.
            final Doc paymentType = store.liveDoc("payment_types", paymentTypeId != null ? paymentTypeId
                    : original.body().path("payments").path(0).path("retailer_payment_type_id").asText());
            final String outletId = original.body().path("outlet_id").asText();
            final String registerId = original.body().path("register_id").asText();
            final long sequence = invoiceSequence.incrementAndGet();
            final String prefix = original.body().path("invoice_number").asText("").replaceAll("[0-9]+$", "");
            final ObjectNode body = header(outletId, registerId,
                    original.body().path("customer_id").isNull() ? null : original.body().path("customer_id").asText(),
                    saleId, prefix + sequence, sequence);
            body.put("status", "SAVED");
            body.put("state", "parked");
            final ArrayNode items = body.putArray("line_items");
            int position = 0;
            for (final JsonNode item : original.body().path("line_items")) {
                final String productId = item.path("product_id").asText();
                final BigDecimal quantity = lines == null ? item.path("quantity").decimalValue()
                        : BigDecimal.valueOf(lines.stream().filter(l -> l.productId().equals(productId)).mapToInt(SaleLine::quantity).sum());
                if (quantity.signum() > 0) {
                    items.add(lineItem(productId, outletId, quantity.negate(), item.path("price").decimalValue(), BigDecimal.ZERO, position++, true));
                }
            }
            if (items.isEmpty()) {
                throw new IllegalArgumentException("a return needs at least one line of a product sale " + saleId + " sold");
            }
            for (final SaleLine line : bought) {
                final Product product = store.liveProduct(line.productId());
                items.add(lineItem(product.id(), outletId, BigDecimal.valueOf(line.quantity()), product.priceExcludingTax(),
                        line.unitDiscount(), position++, false));
            }
            totals(body);
            documentedReturnShape(body, "SAVED");
            body.putArray("payments");
            final String returnId = UUID.randomUUID().toString();
            store.putDoc("sales", returnId, body);
            close(body, paymentType, registerId, outletId, BigDecimal.ONE);
            documentedReturnShape(body, "CONFIRMED");
            final List<InventoryRecord> stock = restock(body, -1);
            return new Result(store.putDoc("sales", returnId, body), stock);
        });
    }

    /**
     * docs sales_returns: a return's lines carry their tax components positive while their tax_total is negative, the
     * return's taxes[] is empty, and its lines are SAVED while it is parked.
     */
    private static void documentedReturnShape(final ObjectNode body, final String lineStatus) {
        for (final JsonNode item : body.path("line_items")) {
            ((ObjectNode) item).put("status", lineStatus);
            item.path("tax_components").forEach(c -> ((ObjectNode) c).put("total_tax", c.path("total_tax").decimalValue().abs()));
        }
        body.putArray("taxes");
    }

    private Doc requireClosed(final String saleId) {
        final Doc current = store.liveDoc("sales", saleId);
        final String status = current.body().path("status").asText();
        if (!"CLOSED".equals(status)) {
            throw new IllegalStateException("sale " + saleId + " is " + status + "; only a CLOSED sale can be voided or returned");
        }
        return current;
    }

    private List<InventoryRecord> restock(final JsonNode sale, final int sign) {
        final String outletId = sale.path("outlet_id").asText();
        final List<InventoryRecord> stock = new ArrayList<>();
        for (final JsonNode item : sale.path("line_items")) {
            store.adjustInventory(item.path("product_id").asText(), outletId, sign * item.path("quantity").asLong())
                    .ifPresent(stock::add);
        }
        return stock;
    }

    private ObjectNode header(final String outletId, final String registerId, final String customerId, final String returnFor,
                              final String invoiceNumber, final long sequence) {
        final ObjectNode body = Json.object();
        body.put("outlet_id", outletId);
        body.put("register_id", registerId);
        body.putNull("user_id");
        body.put("customer_id", customerId);
        body.put("invoice_number", invoiceNumber);
        body.put("invoice_sequence", sequence);
        body.put("receipt_number", invoiceNumber);
        body.put("status", "CLOSED");
        body.put("state", "closed");
        body.putArray("attributes");
        body.put("note", "");
        body.put("short_code", Long.toString(Math.abs(UUID.randomUUID().getMostSignificantBits()) % 1_000_000, 36)
                .toLowerCase(Locale.ROOT));
        body.put("return_for", returnFor);
        body.put("source", "USER");
        body.putNull("source_id");
        body.put("sale_date", Json.iso(clock.instant()));
        body.putArray("adjustments");
        return body;
    }

    /**
     * A line at {@code listPrice} less {@code unitDiscount} per unit (both excluding tax): Vend's price is the discounted one.
     * Taxed with the product's outlet tax at {@code outletId} (reference 5.2), the retailer's default tax when it has none.
     */
    private ObjectNode lineItem(final String productId, final String outletId, final BigDecimal quantity, final BigDecimal listPrice,
                                final BigDecimal unitDiscount, final int sequence, final boolean isReturn) {
        final String taxId = taxIdOf(productId, outletId);
        final BigDecimal rate = rateOf(taxId);
        final BigDecimal unitPrice = listPrice.subtract(unitDiscount);
        final BigDecimal priceTotal = unitPrice.multiply(quantity).setScale(MONEY_SCALE, RoundingMode.HALF_UP);
        final BigDecimal taxTotal = priceTotal.multiply(rate).setScale(MONEY_SCALE, RoundingMode.HALF_UP);
        final BigDecimal unitTax = unitPrice.multiply(rate).setScale(UNIT_SCALE, RoundingMode.HALF_UP);
        final ObjectNode item = Json.object();
        item.put("id", UUID.randomUUID().toString());
        item.put("product_id", productId);
        item.put("quantity", quantity);
        item.put("price", unitPrice);
        item.put("unit_price", unitPrice);
        item.put("price_total", priceTotal);
        item.put("total_price", priceTotal);
        item.put("discount", unitDiscount);
        item.put("unit_discount", unitDiscount);
        item.put("discount_total", unitDiscount.multiply(quantity).setScale(MONEY_SCALE, RoundingMode.HALF_UP));
        item.put("total_discount", unitDiscount.multiply(quantity).setScale(MONEY_SCALE, RoundingMode.HALF_UP));
        item.put("tax", unitTax);
        item.put("unit_tax", unitTax);
        item.put("tax_total", taxTotal);
        item.put("total_tax", taxTotal);
        item.put("tax_id", taxId);
        item.putArray("tax_components").addObject().put("rate_id", rateId(taxId)).put("total_tax", taxTotal);
        item.put("loyalty_value", BigDecimal.ZERO);
        item.put("price_set", false);
        item.put("sequence", sequence);
        item.putNull("note");
        item.put("status", "CONFIRMED");
        item.put("is_return", isReturn);
        return item;
    }

    /** Appends a payment of {@code amount}, or of what is still owed when null. */
    private void addPayment(final ObjectNode body, final Doc paymentType, final String registerId, final String outletId,
                            final BigDecimal amount) {
        final ObjectNode payment = body.withArray("payments").addObject();
        payment.put("id", UUID.randomUUID().toString());
        payment.put("register_id", registerId);
        payment.put("outlet_id", outletId);
        payment.put("retailer_payment_type_id", paymentType.id());
        payment.put("payment_type_id", paymentType.body().path("type_id").asText());
        payment.put("name", paymentType.body().path("name").asText());
        payment.put("amount", amount != null ? amount : owed(body));
        payment.put("payment_date", Json.iso(clock.instant()));
    }

    /** The sale's total including tax less its payments. */
    private static BigDecimal owed(final JsonNode body) {
        BigDecimal owed = body.path("total_price").decimalValue().add(body.path("total_tax").decimalValue());
        for (final JsonNode payment : body.path("payments")) {
            owed = owed.subtract(payment.path("amount").decimalValue());
        }
        return owed;
    }

    /** Legacy status and the state and attributes it stands for (reference 5.9). */
    private static void setStatus(final ObjectNode body, final String status) {
        body.put("status", status);
        body.put("state", status.endsWith("CLOSED") ? "closed" : "pending");
        final ArrayNode attributes = body.putArray("attributes");
        if (status.startsWith("ONACCOUNT")) {
            attributes.add("onaccount");
        } else if (status.startsWith("LAYBY")) {
            attributes.add("layby");
        }
    }

    /** Pays the whole amount (negative for a refund) with one payment and closes the sale. */
    private void close(final ObjectNode body, final Doc paymentType, final String registerId, final String outletId,
                       final BigDecimal share) {
        final BigDecimal[] totals = totals(body);
        final ArrayNode payments = body.putArray("payments");
        final ObjectNode payment = payments.addObject();
        payment.put("id", UUID.randomUUID().toString());
        payment.put("register_id", registerId);
        payment.put("outlet_id", outletId);
        payment.put("retailer_payment_type_id", paymentType.id());
        payment.put("payment_type_id", paymentType.body().path("type_id").asText());
        payment.put("name", paymentType.body().path("name").asText());
        payment.put("amount", totals[0].add(totals[1]).multiply(share));
        payment.put("payment_date", Json.iso(clock.instant()));
        body.put("status", "CLOSED");
        body.put("state", "closed");
    }

    /** Sets total_price, total_tax and the per-rate taxes from the lines; returns {price, tax}. */
    private BigDecimal[] totals(final ObjectNode body) {
        BigDecimal price = BigDecimal.ZERO.setScale(MONEY_SCALE);
        BigDecimal tax = BigDecimal.ZERO.setScale(MONEY_SCALE);
        for (final JsonNode item : body.path("line_items")) {
            price = price.add(item.path("price_total").decimalValue());
            tax = tax.add(item.path("tax_total").decimalValue());
        }
        body.put("total_price", price);
        body.put("total_tax", tax);
        body.put("total_loyalty", BigDecimal.ZERO);
        // One amount per rate, summed from the lines' tax components.
        final Map<String, BigDecimal> byRate = new LinkedHashMap<>();
        for (final JsonNode item : body.path("line_items")) {
            for (final JsonNode component : item.path("tax_components")) {
                byRate.merge(component.path("rate_id").asText(), component.path("total_tax").decimalValue(), BigDecimal::add);
            }
        }
        final ArrayNode taxes = body.putArray("taxes");
        byRate.forEach((rateId, amount) -> taxes.addObject().put("id", rateId).put("amount", amount));
        return new BigDecimal[] {price, tax};
    }

    /** The tax a product sells with at an outlet: its outlet tax when set, else the retailer's default tax. */
    private String taxIdOf(final String productId, final String outletId) {
        return store.doc("outlet_taxes", StoreSeeder.outletTaxKey(productId, outletId)).filter(d -> !d.deleted())
                .map(d -> d.body().path("tax_id").asText(null)).orElse(store.retailer().defaultTaxId());
    }

    /** A tax's rate, from the taxes collection; the retailer's default rate when that is not seeded. */
    private BigDecimal rateOf(final String taxId) {
        return store.doc("taxes", taxId).map(tax -> tax.body().path("rates").path(0).path("rate"))
                .filter(JsonNode::isNumber).map(JsonNode::decimalValue).orElse(store.retailer().defaultTaxRate());
    }

    /** A tax's rate id (tax_components[].rate_id), from the taxes collection when it is seeded. */
    private String rateId(final String taxId) {
        return store.doc("taxes", taxId)
                .map(tax -> tax.body().path("rates").path(0).path("id").asText(null))
                .orElse(taxId);
    }
}
