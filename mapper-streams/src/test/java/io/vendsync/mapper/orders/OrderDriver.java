package io.vendsync.mapper.orders;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vendsync.mapper.TopologyFixture;
import io.vendsync.schemas.Topics;
import io.vendsync.schemas.canonical.v1.Order;
import io.vendsync.schemas.canonical.v1.ValidationError;
import io.vendsync.schemas.mapping.MappingOrigin;
import io.vendsync.schemas.mapping.OutletChannel;
import io.vendsync.schemas.mapping.ProductResolution;
import io.vendsync.schemas.raw.Op;
import io.vendsync.schemas.raw.VendChange;
import io.vendsync.schemas.serde.SerdeFactory;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.TestOutputTopic;

/** The order mapper in a {@link TopologyTestDriver}, built from the app's own Streams settings, with Vend 2.0 helpers. */
final class OrderDriver implements AutoCloseable {

    static final Topics TOPICS = new Topics("test.orders.", SerdeFactory.singleObject());
    private static final ObjectMapper JSON = new ObjectMapper();

    private final TopologyFixture fixture;
    private final TestOutputTopic<String, Order> orders;
    private long version = 1_000;

    OrderDriver(final Path stateDir, final Map<String, String> settings) {
        fixture = new TopologyFixture(stateDir, TOPICS, settings, "vendsync-mapper-orders", OrderMappingTopology::build);
        orders = fixture.output(TOPICS.canonicalOrders);
    }

    // --- reference data, 2.0 shapes -----------------------------------------------------------------

    void retailer(final String currency, final String country, final String discountProductId) {
        final ObjectNode node = object("retailer-1").put("domain_prefix", "acme").put("country", country)
                .put("discount_product_id", discountProductId);
        node.putObject("currency").put("code", currency).put("symbol", "$");
        pipe("retailer", "retailer-1", node);
    }

    void outlet(final String id, final String currency, final String country, final String displayPrices) {
        pipe("outlets", id, object(id).put("name", "Outlet " + id).put("currency", currency).put("physical_country_id", country)
                .put("display_prices", displayPrices));
    }

    void register(final String id, final String name, final String outletId) {
        pipe("registers", id, object(id).put("name", name).put("outlet_id", outletId).put("invoice_prefix", name + "-")
                .put("is_open", true));
    }

    void paymentType(final String id, final String name, final String typeId) {
        pipe("payment_types", id, object(id).put("name", name).put("type_id", typeId));
    }

    /** A tax with one rate whose id is {@code rateId}. */
    void tax(final String id, final String name, final String rateId, final String rate) {
        final ObjectNode node = object(id).put("name", name).put("display_name", name).put("is_default", false);
        node.withArray("rates").addObject().put("id", rateId).put("name", name).put("rate", new BigDecimal(rate));
        pipe("taxes", id, node);
    }

    void channel(final String outletId, final String channelKey) {
        fixture.pipe(TOPICS.outletChannels, outletId, channelKey == null ? null : OutletChannel.newBuilder().setOutletId(outletId)
                .setChannelKey(channelKey).setOrigin(MappingOrigin.DERIVED).setOutletName(null).build());
    }

    /** The customer mapping's record of Vend customer {@code vendCustomerId} (key vend-customer-<id>). */
    void customer(final String vendCustomerId, final String email) {
        owner(vendCustomerId, email, 1L);
    }

    /**
     * The customer mapping's record of the customer owning {@code email}, listing the Vend customers withheld as its
     * duplicates ({@code duplicateIds}, keyed vend-customer-<id>).
     */
    void owner(final String vendCustomerId, final String email, final long version, final String... duplicateIds) {
        fixture.pipe(TOPICS.canonicalCustomers, "vend-customer-" + vendCustomerId, io.vendsync.schemas.canonical.v1.Customer.newBuilder()
                .setKey("vend-customer-" + vendCustomerId).setVendCustomerId(vendCustomerId).setEmail(email).setSourceVersion(version)
                .setEmailDuplicateKeys(java.util.Arrays.stream(duplicateIds).map(id -> "vend-customer-" + id).toList()).build());
    }

    void resolution(final String productId, final String sku, final String conflictCode) {
        resolution(productId, sku, conflictCode, false, 1L);
    }

    /** The product's resolution as the identity topology publishes it, deleted in Vend or not. */
    void resolution(final String productId, final String sku, final String conflictCode, final boolean deleted, final long version) {
        resolution(productId, sku, conflictCode, deleted, true, version);
    }

    /** The resolution of a live product Vend marks inactive. */
    void inactive(final String productId, final String sku, final long version) {
        resolution(productId, sku, null, false, false, version);
    }

    private void resolution(final String productId, final String sku, final String conflictCode, final boolean deleted,
                            final boolean active, final long version) {
        fixture.pipe(TOPICS.productResolutions, productId, ProductResolution.newBuilder().setProductId(productId).setSku(sku)
                .setSkuSource("VEND_SKU").setConflictCode(conflictCode).setCandidates(List.of()).setDeleted(deleted)
                .setActive(active).setHasInventory(true).setVersion(version).build());
    }

    // --- sales ---------------------------------------------------------------------------------------

    /** A Vend 2.0 sale being rung up; {@link #pipe()} publishes it as the next version. */
    final class Sale {
        private final String id;
        private final ObjectNode body;
        private final Map<String, BigDecimal> taxByRate = new LinkedHashMap<>();
        private BigDecimal net = BigDecimal.ZERO;
        private BigDecimal tax = BigDecimal.ZERO;
        private BigDecimal ecomGross = BigDecimal.ZERO;
        private int lineNumber;
        private int paymentNumber;
        private boolean documentedReturn;
        private boolean schemaSaleTaxes;
        private String vendTotalTax;

        private Sale(final String id, final String outletId, final String registerId, final String status) {
            this.id = id;
            body = JSON.createObjectNode().put("id", id).put("outlet_id", outletId).put("register_id", registerId).putNull("user_id")
                    .putNull("customer_id").put("invoice_number", "INV-" + id).put("status", status).putNull("return_for")
                    .put("sale_date", "2026-11-20T10:15:00+00:00").putNull("deleted_at");
            body.putArray("attributes");
            body.putArray("line_items");
            body.putArray("payments");
            body.putArray("adjustments");
        }

        Sale customer(final String customerId) {
            body.put("customer_id", customerId);
            return this;
        }

        /** Makes this sale a Vend return of {@code originalId} (reference 5.9): its lines then have negative quantities. */
        Sale returnFor(final String originalId) {
            body.put("return_for", originalId);
            return this;
        }

        /**
         * Shapes the return as docs sales_returns shows it: line tax components positive while the line's tax_total is
         * negative, the sale's {@code taxes} empty, and the lines {@code status: SAVED} while the return is parked.
         */
        Sale documentedReturnShape() {
            documentedReturn = true;
            return this;
        }

        /** The sale's {@code taxes} as the 2.0 schema defines a {@code SaleTax}: {@code {name, rate, amount}}, no rate id. */
        Sale schemaSaleTaxes() {
            schemaSaleTaxes = true;
            return this;
        }

        Sale saleDate(final String isoDate) {
            body.put("sale_date", isoDate);
            return this;
        }

        /** A gift card sold: Vend's "Gift Card" product at {@code price}, untaxed, with the card's number on the line. */
        Sale giftCard(final String productId, final String number, final String price) {
            line(productId, 1, price, "0", OrderMappingTopologyTest.GST, OrderMappingTopologyTest.GST_RATE, "0");
            final ObjectNode item = (ObjectNode) body.get("line_items").get(body.get("line_items").size() - 1);
            item.put("gift_card_number", number);
            return this;
        }

        Sale status(final String status) {
            body.put("status", status);
            return this;
        }

        /** Vend's soft delete: the sale is listed still, with its {@code deleted_at} (the ingest then sends op=d). */
        Sale deletedAt(final String isoDate) {
            body.put("deleted_at", isoDate);
            return this;
        }

        /** A line at {@code price} per unit after {@code discount} per unit (both tax-exclusive), taxed at the tax's rate. */
        Sale line(final String productId, final int quantity, final String price, final String discount, final String taxId,
                  final String rateId, final String rate) {
            return line(productId, BigDecimal.valueOf(quantity), price, discount, taxId, rateId, rate);
        }

        /** A line of a fractional quantity (weighed or measured goods) at {@code price} per unit excluding tax, taxed at GST. */
        Sale weighedLine(final String productId, final String quantity, final String price) {
            return line(productId, new BigDecimal(quantity), price, "0", OrderMappingTopologyTest.GST, OrderMappingTopologyTest.GST_RATE, "0.15");
        }

        private Sale line(final String productId, final BigDecimal quantity, final String price, final String discount,
                          final String taxId, final String rateId, final String rate) {
            final BigDecimal unit = new BigDecimal(price);
            final BigDecimal priceTotal = unit.multiply(quantity).setScale(2, RoundingMode.HALF_UP);
            final BigDecimal taxTotal = priceTotal.multiply(new BigDecimal(rate)).setScale(2, RoundingMode.HALF_UP);
            final ObjectNode item = ((ArrayNode) body.get("line_items")).addObject();
            item.put("id", id + "-line-" + ++lineNumber).put("product_id", productId).put("quantity", quantity).put("price", unit)
                    .put("price_total", priceTotal).put("discount", new BigDecimal(discount))
                    .put("discount_total", new BigDecimal(discount).multiply(quantity))
                    .put("tax_total", taxTotal).put("tax_id", taxId).put("status", "CONFIRMED").put("is_return", quantity.signum() < 0);
            item.putArray("tax_components").addObject().put("rate_id", rateId).put("total_tax", taxTotal);
            net = net.add(priceTotal);
            tax = tax.add(taxTotal);
            taxByRate.merge(rateId, taxTotal, BigDecimal::add);
            return this;
        }

        Sale line(final String productId, final int quantity, final String price) {
            return line(productId, quantity, price, "0", OrderMappingTopologyTest.GST, OrderMappingTopologyTest.GST_RATE, "0.15");
        }

        /** A sale adjustment (tip, surcharge, fee) of {@code value} excluding tax, taxed {@code tax} at {@code rateId}. */
        Sale adjustment(final String type, final String name, final String value, final String rateId, final String tax) {
            final ObjectNode adjustment = ((ArrayNode) body.get("adjustments")).addObject().put("type", type).put("name", name)
                    .put("value", new BigDecimal(value));
            adjustment.putArray("tax_components").addObject().put("rate_id", rateId).put("total_tax", new BigDecimal(tax));
            net = net.add(new BigDecimal(value));
            this.tax = this.tax.add(new BigDecimal(tax));
            taxByRate.merge(rateId, new BigDecimal(tax), BigDecimal::add);
            return this;
        }

        /**
         * A Lightspeed eCom checkout charge: an adjustment {@code ECOM_CUSTOM_CHARGE} that Vend leaves out of
         * {@code total_price}, {@code total_tax} and {@code taxes} (2025-05 changelog); the buyer pays it all the same.
         */
        Sale ecomCharge(final String name, final String value, final String rateId, final String tax) {
            final ObjectNode adjustment = ((ArrayNode) body.get("adjustments")).addObject().put("adjustment_type", "ECOM_CUSTOM_CHARGE")
                    .put("name", name).put("value", new BigDecimal(value));
            adjustment.putArray("tax_components").addObject().put("rate_id", rateId).put("total_tax", new BigDecimal(tax));
            ecomGross = ecomGross.add(new BigDecimal(value)).add(new BigDecimal(tax));
            return this;
        }

        Sale payment(final String paymentTypeId, final String name, final String amount) {
            ((ArrayNode) body.get("payments")).addObject().put("id", id + "-payment-" + ++paymentNumber)
                    .put("retailer_payment_type_id", paymentTypeId).put("name", name).put("amount", new BigDecimal(amount))
                    .put("payment_date", "2026-11-20T10:15:0" + paymentNumber + "+00:00");
            return this;
        }

        /** What the buyer pays: the sale's gross total so far, as Vend shows it, and any eCom charges on top. */
        String gross() {
            return net.add(tax).add(ecomGross).toPlainString();
        }

        /**
         * A line with Vend's five-decimal amounts as given (no rounding): {@code price} per unit, {@code taxTotal} for
         * the line, one tax component of {@code component} (docs: components need not equal the line's tax exactly).
         */
        Sale exactLine(final String productId, final int quantity, final String price, final String taxTotal, final String component) {
            final BigDecimal priceTotal = new BigDecimal(price).multiply(BigDecimal.valueOf(quantity));
            final ObjectNode item = ((ArrayNode) body.get("line_items")).addObject();
            item.put("id", id + "-line-" + ++lineNumber).put("product_id", productId).put("quantity", quantity).put("price", new BigDecimal(price))
                    .put("price_total", priceTotal).put("discount", BigDecimal.ZERO).put("tax_total", new BigDecimal(taxTotal))
                    .put("tax_id", OrderMappingTopologyTest.GST).put("status", "CONFIRMED").put("is_return", false);
            item.putArray("tax_components").addObject().put("rate_id", OrderMappingTopologyTest.GST_RATE).put("total_tax", new BigDecimal(component));
            net = net.add(priceTotal);
            tax = tax.add(new BigDecimal(taxTotal));
            return this;
        }

        /**
         * A line taxed by two rates at once, with Vend's five-decimal component amounts as given ({@code component1} at
         * {@code rate1}, {@code component2} at the low rate), its tax their sum.
         */
        Sale twoRateLine(final String productId, final int quantity, final String price, final String component1, final String component2) {
            final BigDecimal priceTotal = new BigDecimal(price).multiply(BigDecimal.valueOf(quantity));
            final BigDecimal first = new BigDecimal(component1);
            final BigDecimal second = new BigDecimal(component2);
            final ObjectNode item = ((ArrayNode) body.get("line_items")).addObject();
            item.put("id", id + "-line-" + ++lineNumber).put("product_id", productId).put("quantity", quantity).put("price", new BigDecimal(price))
                    .put("price_total", priceTotal).put("discount", BigDecimal.ZERO).put("tax_total", first.add(second))
                    .put("tax_id", OrderMappingTopologyTest.GST).put("status", "CONFIRMED").put("is_return", quantity < 0);
            item.putArray("tax_components").addObject().put("rate_id", OrderMappingTopologyTest.GST_RATE).put("total_tax", first);
            item.withArray("tax_components").addObject().put("rate_id", OrderMappingTopologyTest.LOW_RATE).put("total_tax", second);
            net = net.add(priceTotal);
            tax = tax.add(first).add(second);
            taxByRate.merge(OrderMappingTopologyTest.GST_RATE, first, BigDecimal::add);
            taxByRate.merge(OrderMappingTopologyTest.LOW_RATE, second, BigDecimal::add);
            return this;
        }

        /** Vend's own rounded sale totals (total_price, total_tax and the one tax rate's amount), as Vend reports them. */
        Sale vendTotals(final String totalPrice, final String totalTax) {
            body.put("total_price", new BigDecimal(totalPrice));
            vendTotalTax = totalTax;
            taxByRate.clear();
            taxByRate.put(OrderMappingTopologyTest.GST_RATE, new BigDecimal(totalTax));
            return this;
        }

        /** Vend's total_tax as given, and each rate's amount in {@code taxes} rounded to cents on its own, as Vend reports them. */
        Sale vendTaxesRoundedPerRate(final String totalTax) {
            taxByRate.replaceAll((rateId, amount) -> amount.setScale(2, RoundingMode.HALF_UP));
            vendTotalTax = totalTax;
            return this;
        }

        /** Overrides Vend's total_price (for a sale whose figures do not add up). */
        Sale totalPrice(final String totalPrice) {
            body.put("total_price", new BigDecimal(totalPrice));
            return this;
        }

        Sale pipe() {
            if (!body.has("total_price") || body.get("total_price").decimalValue().compareTo(net) == 0) {
                body.put("total_price", net);
            }
            body.put("total_tax", vendTotalTax != null ? new BigDecimal(vendTotalTax) : tax);
            final ArrayNode taxes = body.putArray("taxes");
            if (documentedReturn) {
                for (final com.fasterxml.jackson.databind.JsonNode item : body.get("line_items")) {
                    ((ObjectNode) item).put("status", "SAVED".equals(body.path("status").asText()) ? "SAVED" : "CONFIRMED");
                    item.get("tax_components").forEach(c -> ((ObjectNode) c).put("total_tax", c.get("total_tax").decimalValue().abs()));
                }
            } else if (schemaSaleTaxes) {
                taxByRate.forEach((rateId, amount) -> taxes.addObject().put("name", "GST").put("rate", new BigDecimal("0.15"))
                        .put("amount", amount));
            } else {
                taxByRate.forEach((rateId, amount) -> taxes.addObject().put("id", rateId).put("amount", amount));
            }
            body.put("version", ++version);
            OrderDriver.this.pipe("sales", id, body.deepCopy());
            return this;
        }
    }

    Sale sale(final String id, final String outletId, final String registerId, final String status) {
        return new Sale(id, outletId, registerId, status);
    }

    void pipeRaw(final String entity, final String key, final VendChange change) {
        fixture.raw(entity, key, change);
    }

    private ObjectNode object(final String id) {
        final ObjectNode node = JSON.createObjectNode().put("id", id);
        node.putNull("deleted_at");
        node.put("version", ++version);
        return node;
    }

    private void pipe(final String entity, final String key, final ObjectNode node) {
        // As the ingest does (ChangeEventFactory): a record with its deleted_at set is a delete that carries the record.
        final boolean deleted = node.hasNonNull("deleted_at") && !node.get("deleted_at").asText().isBlank();
        pipeRaw(entity, key, change(deleted ? Op.d : Op.u, entity, node.toString(), node.path("version").asLong(version), fixture.clock()));
    }

    static VendChange change(final Op op, final String entity, final String after, final long version, final long tsMs) {
        return TopologyFixture.change(op, entity, after, version, tsMs);
    }

    // --- reading -----------------------------------------------------------------------------------

    List<KeyValue<String, Order>> orders() {
        return orders.readKeyValuesToList();
    }

    List<ValidationError> errors() {
        return fixture.errors().stream().map(kv -> kv.value).toList();
    }

    @Override
    public void close() {
        fixture.close();
    }
}
