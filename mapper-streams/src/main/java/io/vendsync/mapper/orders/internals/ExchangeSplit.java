package io.vendsync.mapper.orders.internals;

import io.vendsync.mapper.internals.ErrorCode;
import io.vendsync.mapper.vend.VendSale;
import io.vendsync.schemas.canonical.v1.Order;
import io.vendsync.schemas.canonical.v1.OrderCustomLine;
import io.vendsync.schemas.canonical.v1.OrderLine;
import io.vendsync.schemas.canonical.v1.OrderPayment;
import io.vendsync.schemas.canonical.v1.OrderTax;
import io.vendsync.schemas.canonical.v1.OrderTaxComponent;
import io.vendsync.schemas.canonical.v1.OrderTaxPortion;
import io.vendsync.schemas.canonical.v1.ValidationError;
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
 *       null and {@code exchange_for} the original: the positive lines, the sale's adjustments (rung up with them), and
 *       the sale's positive payments.</li>
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

    /** Whether {@code sale} is an exchange: a return that also sells (a line of positive quantity). */
    public static boolean isExchange(final VendSale sale) {
        return sale.returnFor() != null && sale.lines().stream().anyMatch(line -> line.quantity().signum() > 0);
    }

    /** The two records of {@code whole} (the order of the whole exchange); problems go to {@code errors}. */
    static OrderOutcome split(final VendSale sale, final Order whole, final OrderErrors report, final List<ValidationError> errors) {
        final Set<String> sold = sale.lines().stream().filter(line -> line.quantity().signum() > 0).map(VendSale.Item::id)
                .collect(Collectors.toSet());
        final List<OrderLine> returnedLines = whole.getLines().stream().filter(line -> line.getQuantity() < 0).toList();
        final List<OrderLine> soldLines = whole.getLines().stream().filter(line -> line.getQuantity() > 0).toList();
        // A custom line of a sale line goes with its line; an adjustment (no sale line) was rung up with the new items.
        final Set<String> returnedItems = sale.lines().stream().filter(line -> line.quantity().signum() < 0).map(VendSale.Item::id)
                .collect(Collectors.toSet());
        final List<OrderCustomLine> returnedCustom = whole.getCustomLines().stream().filter(line -> returnedItems.contains(line.getKey())).toList();
        final List<OrderCustomLine> soldCustom = whole.getCustomLines().stream().filter(line -> !returnedItems.contains(line.getKey())
                && (sold.contains(line.getKey()) || line.getKey().startsWith("adjustment-"))).toList();

        final Order.Builder returned = part(whole, returnedLines, returnedCustom, report, errors, "returned items");
        final Order.Builder bought = part(whole, soldLines, soldCustom, report, errors, "new items");
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
                                      final OrderErrors report, final List<ValidationError> errors, final String what) {
        final long net = lines.stream().mapToLong(OrderLine::getTotalNet).sum() + customLines.stream().mapToLong(OrderCustomLine::getTotalNet).sum();
        final long tax = lines.stream().mapToLong(OrderLine::getTotalTax).sum() + customLines.stream().mapToLong(OrderCustomLine::getTotalTax).sum();
        final List<OrderTax> taxes = new ArrayList<>();
        lines.forEach(line -> taxes.add(line.getTax()));
        customLines.forEach(line -> taxes.add(line.getTax()));
        final List<OrderTaxPortion> portions = portions(taxes);
        final long portionsTax = portions.stream().mapToLong(OrderTaxPortion::getAmount).sum();
        if (portionsTax != tax) {
            errors.add(report.error(ErrorCode.ORDER_TOTALS_MISMATCH, "the exchange's " + what + " carry " + tax + " tax but their tax "
                    + "components add up to " + portionsTax + " (minor units of " + whole.getCurrency() + ")", List.of(),
                    "Check the sale's tax components in Vend; an exchange is mirrored only with tax per rate that matches its lines."));
        }
        return Order.newBuilder(whole).setLines(lines).setCustomLines(customLines).setTotalNet(net).setTotalTax(tax)
                .setTotalGross(net + tax).setTaxPortions(portions);
    }

    /** Tax per rate from the components of the lines (each line's components add up to its tax once rounded). */
    private static List<OrderTaxPortion> portions(final List<OrderTax> taxes) {
        final Map<String, OrderTaxPortion> byRate = new LinkedHashMap<>();
        for (final OrderTax tax : taxes) {
            for (final OrderTaxComponent component : tax == null ? List.<OrderTaxComponent>of() : tax.getComponents()) {
                byRate.merge(component.getRateId(), OrderTaxPortion.newBuilder().setRateId(component.getRateId()).setName(component.getName())
                        .setRate(component.getRate()).setAmount(component.getAmount()).build(),
                        (a, b) -> OrderTaxPortion.newBuilder(a).setAmount(a.getAmount() + b.getAmount()).build());
            }
        }
        return List.copyOf(byRate.values());
    }

    private static Order.Builder payments(final Order.Builder part, final List<OrderPayment> payments) {
        final long paid = payments.stream().mapToLong(OrderPayment::getAmount).sum();
        return part.setPayments(payments).setPaid(paid).setPaymentState(paid >= part.getTotalGross() ? "Paid" : "BalanceDue");
    }

    private static OrderPayment credit(final VendSale sale, final Order whole, final String suffix, final long amount) {
        return OrderPayment.newBuilder().setPaymentId(sale.id() + suffix).setPaymentTypeId(null).setMethod(METHOD).setVendTypeId(null)
                .setAmount(amount).setPaidAtMs(whole.getSaleDateMs()).build();
    }
}
