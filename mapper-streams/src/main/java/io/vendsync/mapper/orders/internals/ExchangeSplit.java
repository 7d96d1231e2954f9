package io.vendsync.mapper.orders.internals;

import io.vendsync.mapper.internals.ErrorCode;
import io.vendsync.mapper.vend.VendSale;
import io.vendsync.schemas.canonical.v1.Order;
import io.vendsync.schemas.canonical.v1.OrderCustomLine;
import io.vendsync.schemas.canonical.v1.OrderLine;
import io.vendsync.schemas.canonical.v1.OrderPayment;
import io.vendsync.schemas.canonical.v1.OrderTaxComponent;
import io.vendsync.schemas.canonical.v1.OrderTaxPortion;
import io.vendsync.schemas.canonical.v1.ValidationError;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A Vend exchange as two records. X-Series rings an exchange up as one return sale ({@code return_for}) whose returned
 * items are negative lines and whose new items are positive ones, paid or refunded the difference. One commercetools
 * order cannot hold both, so:
 * <ul>
 *   <li><b>the return</b> (the sale's key): its negative lines, their totals and tax per rate, its refunds (the sale's
 *       negative payments), mirrored onto the original's order as any return is;</li>
 *   <li><b>the new items</b> ({@link #key}): an order of its own under the exchange's order number, {@code return_for}
 *       null and {@code exchange_for} the original: the positive lines, any discount on them, the sale's adjustments
 *       (rung up with them), and the sale's positive payments.</li>
 * </ul>
 * The part of the returned value that paid for new items moved from one order to the other, so each order balances:
 * it is a payment of method {@value #METHOD} on both, a refund on the return and a charge on the new order. Revenue
 * summed over the records is Vend's: the original, less the return, plus the new items.
 */
public final class ExchangeSplit {

    /** The payment method of the returned value that paid for the new items. */
    public static final String METHOD = "Exchange credit";

    private ExchangeSplit() {
    }

    /** The key of the new items' order: {@code <sale id>/exchange}. */
    public static String key(final String saleId) {
        return saleId + "/exchange";
    }

    /**
     * Whether {@code sale} is an exchange: a return that also sells, i.e. has a line of positive quantity of a product other
     * than the retailer's discount product (whose quantity sign says nothing: a return may reverse a discount rung up as
     * quantity -1).
     */
    public static boolean isExchange(final VendSale sale, final String discountProductId) {
        return sale.returnFor() != null && sale.lines().stream()
                .anyMatch(line -> line.quantity().signum() > 0 && !line.productId().equals(discountProductId));
    }

    /**
     * Whether a line of an exchange belongs to its return: a returned item (negative quantity), or a discount line that
     * gives value back (positive amount: the reversal of the original's discount). Every other line, and every
     * adjustment, was rung up with the new items.
     */
    static boolean returned(final VendSale.Item line, final String discountProductId) {
        if (line.productId().equals(discountProductId)) {
            return line.priceTotal().signum() > 0;
        }
        return line.quantity().signum() != 0 ? line.quantity().signum() < 0 : line.priceTotal().signum() < 0;
    }

    /** The two records of {@code whole} (the order of the whole exchange); problems go to {@code errors}. */
    static OrderOutcome split(final VendSale sale, final Order whole, final String discountProductId, final OrderErrors report,
                              final List<ValidationError> errors) {
        final List<VendSale.Item> returnedItems = sale.lines().stream().filter(line -> returned(line, discountProductId)).toList();
        final List<VendSale.Item> soldItems = sale.lines().stream().filter(line -> !returned(line, discountProductId)).toList();
        final Set<String> returnedIds = returnedItems.stream().map(VendSale.Item::id).collect(Collectors.toSet());
        final Order.Builder returned = part(whole, whole.getLines().stream().filter(l -> returnedIds.contains(l.getLineId())).toList(),
                whole.getCustomLines().stream().filter(l -> returnedIds.contains(l.getKey())).toList(), returnedItems, List.of(),
                report, errors, "returned items");
        final Order.Builder bought = part(whole, whole.getLines().stream().filter(l -> !returnedIds.contains(l.getLineId())).toList(),
                whole.getCustomLines().stream().filter(l -> !returnedIds.contains(l.getKey())).toList(), soldItems, sale.adjustments(),
                report, errors, "new items");
        final long charged = whole.getPayments().stream().mapToLong(OrderPayment::getAmount).filter(amount -> amount >= 0).sum();
        final long refunded = whole.getPayments().stream().mapToLong(OrderPayment::getAmount).filter(amount -> amount < 0).sum();
        // What the new items cost beyond what was paid for them, and what the returned items were worth beyond what was
        // refunded: the same amount when Vend's payments add up to the sale; never more than either.
        final long credit = Math.max(0, Math.min(bought.getTotalGross() - charged, -returned.getTotalGross() + refunded));

        final List<OrderPayment> refunds = new ArrayList<>(whole.getPayments().stream().filter(p -> p.getAmount() < 0).toList());
        final List<OrderPayment> charges = new ArrayList<>(whole.getPayments().stream().filter(p -> p.getAmount() >= 0).toList());
        if (credit > 0) {
            refunds.add(credit(sale, whole, "-exchange-refund", -credit));
            charges.add(credit(sale, whole, "-exchange-credit", credit));
        }
        return new OrderOutcome(payments(returned, refunds).build(),
                payments(bought, charges).setReturnFor(null).setReturnForOrderNumber(null).setExchangeFor(sale.returnFor()).build(), List.of());
    }

    private static Order.Builder part(final Order whole, final List<OrderLine> lines, final List<OrderCustomLine> customLines,
                                      final List<VendSale.Item> items, final List<VendSale.Adjustment> adjustments,
                                      final OrderErrors report, final List<ValidationError> errors, final String what) {
        final long net = lines.stream().mapToLong(OrderLine::getTotalNet).sum() + customLines.stream().mapToLong(OrderCustomLine::getTotalNet).sum();
        final long tax = lines.stream().mapToLong(OrderLine::getTotalTax).sum() + customLines.stream().mapToLong(OrderCustomLine::getTotalTax).sum();
        final List<OrderTaxPortion> portions = portions(whole, items, adjustments, tax);
        if (portions == null) {
            errors.add(report.error(ErrorCode.ORDER_TOTALS_MISMATCH, "the exchange's " + what + " carry " + tax + " tax, which their "
                    + "tax components do not add up to (minor units of " + whole.getCurrency() + ")", List.of(),
                    "Check the sale's tax components in Vend; an exchange is mirrored only with tax per rate that matches its lines."));
        }
        return Order.newBuilder(whole).setLines(lines).setCustomLines(customLines).setTotalNet(net).setTotalTax(tax)
                .setTotalGross(net + tax).setTaxPortions(portions == null ? List.of() : portions);
    }

    /**
     * Tax per rate of a part: Vend's exact component amounts of its lines (signed like each line's tax) and adjustments,
     * summed per rate and spread over the part's tax by largest remainder ({@link MinorUnits}), as the whole sale's
     * lines are; null when the difference is more than rounding (a unit per line).
     */
    private static List<OrderTaxPortion> portions(final Order whole, final List<VendSale.Item> items,
                                                  final List<VendSale.Adjustment> adjustments, final long tax) {
        final Map<String, BigDecimal> exact = new LinkedHashMap<>();
        items.forEach(item -> OrderBuilder.signedLike(item.taxComponents(), item.taxTotal())
                .forEach(c -> exact.merge(c.rateId(), c.amount(), BigDecimal::add)));
        adjustments.forEach(a -> a.taxComponents().forEach(c -> exact.merge(c.rateId(), c.amount(), BigDecimal::add)));
        // The part's tax is its lines' rounded taxes, spread from the sale's total: it may differ from its exact components
        // rounded as a whole by a unit per line, never more.
        final List<String> rates = new ArrayList<>(exact.keySet());
        final List<Long> amounts = MinorUnits.allocateWithin(rates.stream().map(exact::get).toList(), tax, whole.getFractionDigits(),
                Math.max(1, items.size() + adjustments.size()));
        if (amounts == null) {
            return null;
        }
        final Map<String, OrderTaxComponent> named = new LinkedHashMap<>();
        whole.getLines().forEach(line -> line.getTax().getComponents().forEach(c -> named.putIfAbsent(c.getRateId(), c)));
        whole.getCustomLines().forEach(line -> line.getTax().getComponents().forEach(c -> named.putIfAbsent(c.getRateId(), c)));
        final List<OrderTaxPortion> portions = new ArrayList<>();
        for (int i = 0; i < rates.size(); i++) {
            final OrderTaxComponent component = named.get(rates.get(i));
            portions.add(OrderTaxPortion.newBuilder().setRateId(rates.get(i)).setName(component == null ? rates.get(i) : component.getName())
                    .setRate(component == null ? "0" : component.getRate()).setAmount(amounts.get(i)).build());
        }
        return portions;
    }

    private static Order.Builder payments(final Order.Builder part, final List<OrderPayment> payments) {
        final long paid = payments.stream().mapToLong(OrderPayment::getAmount).sum();
        return part.setPayments(payments).setPaid(paid).setPaymentState(OrderBuilder.paymentState("Complete".equals(part.getOrderState()), paid,
                part.getTotalGross(), payments, part.getFractionDigits()));
    }

    private static OrderPayment credit(final VendSale sale, final Order whole, final String suffix, final long amount) {
        return OrderPayment.newBuilder().setPaymentId(sale.id() + suffix).setPaymentTypeId(null).setMethod(METHOD).setVendTypeId(null)
                .setAmount(amount).setPaidAtMs(whole.getSaleDateMs()).build();
    }
}
