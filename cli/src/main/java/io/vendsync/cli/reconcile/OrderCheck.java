package io.vendsync.cli.reconcile;

import io.vendsync.mapper.vend.InvalidPayloadException;
import io.vendsync.mapper.vend.VendSaleStatus;
import com.fasterxml.jackson.databind.JsonNode;
import io.vendsync.cli.reconcile.Mismatch.Area;
import io.vendsync.cli.reconcile.Mismatch.Kind;
import io.vendsync.sink.orders.OrderNumbers;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Orders by order number: one commercetools order per closed Vend sale (CLOSED and every *_CLOSED), numbered by
 * {@code orders.number.source}, with Vend's net total ({@code total_price}; the order's {@code totalPrice} is the net,
 * because vendsync imports net line prices), and, under {@code orders.pending.policy=open}, one per pending sale too.
 * A voided sale's order, if any, must be Cancelled, as must a deleted sale's (Vend lists it with its {@code deleted_at}).
 * Extra: an order vendsync imported ({@code vendSaleId} set) for a sale Vend does not have, or that should be no order
 * (parked; pending under {@code wait}). A return is mirrored onto its original's order and is not judged here; an
 * exchange (a return that also sells) is judged by the order of its new items, numbered as the exchange, whose net is
 * the exchange's less its returned lines'.
 */
public final class OrderCheck {


    /**
     * The mapper's order settings that decide which sales are orders and how they are numbered, and the retailer's
     * discount product (null: none), whose lines' quantity sign says nothing about an exchange.
     */
    public record Rules(boolean numberBySaleId, boolean pendingBecomeOrders, String discountProductId) {

        public Rules(final boolean numberBySaleId, final boolean pendingBecomeOrders) {
            this(numberBySaleId, pendingBecomeOrders, null);
        }
    }

    private OrderCheck() {
    }

    /**
     * @param since only sales dated or updated at or after it are judged missing or different (null: all)
     */
    public static Comparison compare(final List<JsonNode> sales, final Rules rules, final Identity identity, final Instant since,
                                     final List<CommercetoolsData.Order> orders) {
        final Map<String, List<CommercetoolsData.Order>> byNumber = orders.stream().filter(o -> o.orderNumber() != null)
                .collect(Collectors.groupingBy(CommercetoolsData.Order::orderNumber));
        final Map<String, JsonNode> saleById = new HashMap<>();
        sales.forEach(sale -> saleById.put(sale.path("id").asText(), sale));
        final Map<String, Integer> skipped = new TreeMap<>();
        final List<Mismatch> mismatches = new ArrayList<>();
        int compared = 0;
        for (final JsonNode sale : sales) {
            // The mapper's reading: Vend deprecates 'status' for 'state' + 'attributes', and date-versioned sales carry only those.
            final String status;
            try {
                status = VendSaleStatus.of(sale);
            } catch (final InvalidPayloadException e) {
                skipped.merge("status unreadable (" + e.getMessage() + ")", 1, Integer::sum);
                continue;
            }
            final boolean isReturn = sale.hasNonNull("return_for") && !sale.path("return_for").asText().isBlank();
            final boolean exchange = isReturn && isExchange(sale, rules.discountProductId());
            if (isReturn && !exchange) {
                skipped.merge("return (mirrored onto its original's order, not judged)", 1, Integer::sum);
                continue;
            }
            if (since != null && !changedSince(sale, since)) {
                skipped.merge("not dated or updated since " + since, 1, Integer::sum);
                continue;
            }
            final String saleId = sale.path("id").asText();
            final String given = rules.numberBySaleId() ? saleId : sale.path("invoice_number").asText();
            // Another sale's order holds the number Vend gave this one (shared invoice numbers): the sink numbered it apart.
            final boolean taken = byNumber.getOrDefault(given, List.of()).stream().noneMatch(o -> saleId.equals(o.saleId()))
                    && byNumber.containsKey(OrderNumbers.whenTaken(given, saleId));
            final String number = taken ? OrderNumbers.whenTaken(given, saleId) : given;
            // Only this sale's orders (or ones without a sale id, not vendsync's) answer for it: another sale's order under
            // a shared number is that sale's.
            final List<CommercetoolsData.Order> found = byNumber.getOrDefault(number, List.of()).stream()
                    .filter(o -> o.saleId() == null || saleId.equals(o.saleId())).toList();
            final String outlet = identity.outletLabel(sale.path("outlet_id").asText(null));
            final boolean expected = VendSaleStatus.isClosed(status) || (rules.pendingBecomeOrders() && VendSaleStatus.PENDING.contains(status));
            final boolean deleted = sale.hasNonNull("deleted_at") && !sale.path("deleted_at").asText().isBlank();
            if ("VOIDED".equals(status) || deleted) {
                found.stream().filter(o -> !"Cancelled".equals(o.orderState())).forEach(o -> mismatches.add(new Mismatch(
                        Area.ORDERS, Kind.DIFFERENT, outlet, number, "Cancelled", o.orderState(),
                        deleted ? "the sale was deleted in Vend" : "the sale was voided in Vend")));
                continue;
            }
            if (!expected) {
                found.stream().filter(o -> sale.path("id").asText().equals(o.saleId())).forEach(o -> mismatches.add(new Mismatch(
                        Area.ORDERS, Kind.EXTRA, outlet, number, null, o.orderState(), "an order for a " + status + " sale, which is no order")));
                continue;
            }
            compared++;
            // An exchange's order holds its new items: the sale's net less the returned lines'.
            final BigDecimal net = sale.path("total_price").decimalValue().add(ecomCharges(sale))
                    .subtract(exchange ? returnedNet(sale, rules.discountProductId()) : BigDecimal.ZERO);
            if (found.isEmpty()) {
                mismatches.add(new Mismatch(Area.ORDERS, Kind.MISSING, outlet, number, net.toPlainString(), null,
                        "no order with this number for the " + status + " sale " + sale.path("id").asText()));
            } else if (found.size() > 1) {
                mismatches.add(new Mismatch(Area.ORDERS, Kind.DUPLICATE, outlet, number, "1 order", found.size() + " orders",
                        found.size() + " orders with one order number"));
            } else {
                final CommercetoolsData.Order order = found.get(0);
                final BigDecimal want = net.setScale(order.totalNet().scale(), RoundingMode.HALF_EVEN);
                // An exchange's part is its lines' rounded amounts, spread from the sale's total: a unit per line is rounding.
                final BigDecimal tolerance = exchange ? BigDecimal.ONE.movePointLeft(order.totalNet().scale())
                        .multiply(BigDecimal.valueOf(liveLines(sale).size())) : BigDecimal.ZERO;
                if (want.subtract(order.totalNet()).abs().compareTo(tolerance) > 0) {
                    mismatches.add(new Mismatch(Area.ORDERS, Kind.DIFFERENT, outlet, number, want.toPlainString(),
                            order.totalNet().toPlainString() + " " + order.currency(), "net total differs from Vend's total_price"));
                }
            }
        }
        orders.stream().filter(o -> o.saleId() != null && !saleById.containsKey(o.saleId()))
                .sorted(java.util.Comparator.comparing(o -> String.valueOf(o.orderNumber())))
                .forEach(o -> mismatches.add(new Mismatch(Area.ORDERS, Kind.EXTRA, null, String.valueOf(o.orderNumber()), null,
                        o.orderState(), "imported for Vend sale " + o.saleId() + ", which Vend does not have")));
        return new Comparison(Area.ORDERS, compared, mismatches, skipped);
    }

    /**
     * Lightspeed eCom's checkout charges (adjustments {@code ECOM_CUSTOM_CHARGE}), which Vend leaves out of
     * {@code total_price} and vendsync's order includes.
     */
    private static BigDecimal ecomCharges(final JsonNode sale) {
        BigDecimal sum = BigDecimal.ZERO;
        for (final JsonNode adjustment : sale.path("adjustments")) {
            final String type = adjustment.hasNonNull("type") ? adjustment.path("type").asText() : adjustment.path("adjustment_type").asText();
            if ("ECOM_CUSTOM_CHARGE".equalsIgnoreCase(type) && adjustment.path("value").isNumber()) {
                sum = sum.add(adjustment.path("value").decimalValue());
            } else if ("ECOM_CUSTOM_CHARGE".equalsIgnoreCase(type) && adjustment.path("value").isTextual()
                    && adjustment.path("value").asText().trim().matches("-?\\d+(\\.\\d+)?")) {
                sum = sum.add(new BigDecimal(adjustment.path("value").asText().trim()));
            }
        }
        return sum;
    }

    /**
     * A return that also sells new items (a line of positive quantity of a product other than the discount product):
     * vendsync imports those as an order of their own. The lines and sides are the mapper's (VendSaleParser,
     * ExchangeSplit): a line Vend voided on a live sale is no line.
     */
    static boolean isExchange(final JsonNode sale, final String discountProductId) {
        return liveLines(sale).stream().anyMatch(line -> line.path("quantity").decimalValue().signum() > 0
                && !line.path("product_id").asText().equals(discountProductId));
    }

    /** The net of an exchange's return: its returned items, and a discount line that gives value back. */
    private static BigDecimal returnedNet(final JsonNode sale, final String discountProductId) {
        BigDecimal net = BigDecimal.ZERO;
        for (final JsonNode line : liveLines(sale)) {
            final BigDecimal amount = line.has("price_total") ? line.path("price_total").decimalValue() : line.path("total_price").decimalValue();
            final int quantity = line.path("quantity").decimalValue().signum();
            final boolean returned = line.path("product_id").asText().equals(discountProductId) ? amount.signum() > 0
                    : quantity != 0 ? quantity < 0 : amount.signum() < 0;
            net = returned ? net.add(amount) : net;
        }
        return net;
    }

    private static List<JsonNode> liveLines(final JsonNode sale) {
        final boolean voided = isVoided(sale);
        final List<JsonNode> lines = new ArrayList<>();
        sale.path("line_items").forEach(line -> {
            if (voided || !"VOIDED".equalsIgnoreCase(line.path("status").asText())) {
                lines.add(line);
            }
        });
        return lines;
    }


    private static boolean isVoided(final JsonNode sale) {
        try {
            return "VOIDED".equals(VendSaleStatus.of(sale));
        } catch (final InvalidPayloadException e) {
            return false; // not judged: compare() skips a sale whose status it cannot read
        }
    }

    private static boolean changedSince(final JsonNode sale, final Instant since) {
        return !before(sale.path("sale_date").asText(null), since) || !before(sale.path("updated_at").asText(null), since)
                || !before(sale.path("deleted_at").asText(null), since);
    }

    private static boolean before(final String timestamp, final Instant since) {
        if (timestamp == null) {
            return true;
        }
        try {
            return OffsetDateTime.parse(timestamp).toInstant().isBefore(since);
        } catch (DateTimeParseException e) {
            return false; // unreadable: judge it rather than hide it
        }
    }
}
