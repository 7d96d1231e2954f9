package io.vendsync.mapper.orders.internals;

import io.vendsync.mapper.vend.VendOutlet;
import io.vendsync.mapper.vend.VendRegister;
import io.vendsync.mapper.vend.VendPaymentType;
import io.vendsync.mapper.vend.VendTax;
import io.vendsync.mapper.vend.VendTaxRate;
import io.vendsync.mapper.vend.VendRetailer;
import io.vendsync.mapper.vend.VendSale;
import io.vendsync.mapper.vend.VendSaleStatus;
import io.vendsync.mapper.vend.GiftCards;
import io.vendsync.mapper.internals.ErrorCode;
import io.vendsync.schemas.canonical.v1.Order;
import io.vendsync.schemas.canonical.v1.OrderCustomLine;
import io.vendsync.schemas.canonical.v1.OrderLine;
import io.vendsync.schemas.canonical.v1.OrderPayment;
import io.vendsync.schemas.canonical.v1.OrderTax;
import io.vendsync.schemas.canonical.v1.OrderTaxComponent;
import io.vendsync.schemas.canonical.v1.OrderTaxPortion;
import io.vendsync.schemas.canonical.v1.ValidationError;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The rules that make a sale an order. Which sales: a closed sale (CLOSED and every *_CLOSED) is a Complete order; a
 * pending one (layby, on-account, awaiting dispatch or pickup, service) is an Open order only under
 * {@code orders.pending.policy=open}; a parked one never; a voided one, or one Vend deleted, is a Cancelled record (the
 * sink cancels the order if one exists and creates none otherwise). Amounts are Vend's own (prices, line totals, tax
 * components, sale totals), rounded half-even to the currency's minor unit, never recomputed from rates; when they do
 * not add up to Vend's totals, no order is published. A line needs the SKU its product resolved to; the retailer's discount product is a
 * custom line (a sale-level discount), as are the sale's adjustments.
 */
public final class OrderBuilder {

    /** Where a sale is in its life, as far as an order is concerned. */
    enum Phase { CLOSED, PENDING, PARKED, VOIDED }

    private final OrderSettings settings;
    private final String sourceTopic;

    public OrderBuilder(final OrderSettings settings, final String sourceTopic) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.sourceTopic = Objects.requireNonNull(sourceTopic, "sourceTopic");
    }

    /** The outcome of a sale; null while the lookup of one of its products is still on its way (nothing to say yet). */
    public OrderOutcome build(final SaleInContext input, final long nowMs) {
        final VendSale sale = input.sale();
        if (!input.skus().covers(sale)) {
            return null;
        }
        final Phase phase = phase(sale);
        if (phase == Phase.PARKED || (phase == Phase.PENDING && !settings.openPendingSales())) {
            return OrderOutcome.NOTHING;
        }
        // A void cancels what exists; it must never wait for a mapping, so its problems are not reported.
        final boolean voided = phase == Phase.VOIDED;
        final OrderContext context = input.context();
        final OrderErrors report = new OrderErrors(sourceTopic, sale, nowMs);
        final List<ValidationError> errors = new ArrayList<>();
        final VendOutlet outlet = context.outlets().get(sale.outletId());
        final VendRetailer retailer = context.retailer();
        final String currency = outlet != null && outlet.currency() != null ? outlet.currency() : retailer == null ? null : retailer.currency();
        if (outlet == null || currency == null) {
            errors.add(report.error(ErrorCode.ORDER_OUTLET_UNKNOWN, outlet == null ? "outlet " + sale.outletId() + " is unknown"
                    : "outlet " + sale.outletId() + " has no currency", List.of(sale.outletId()), "Check that outlet " + sale.outletId()
                    + " exists in Vend with a currency; the order follows once it is read."));
        }
        final String channel = context.channels().get(sale.outletId());
        if (channel == null) {
            errors.add(report.error(ErrorCode.OUTLET_UNMAPPED, "outlet " + sale.outletId() + " has no commercetools channel",
                    List.of(sale.outletId()), "Map outlet " + sale.outletId() + " to a channel (vendsync mapping import with "
                            + "vend_outlet_id,channel_key) or wait for the outlet to be read."));
        }
        final String returnForOrderNumber = voided || sale.returnFor() == null ? null : checkReturn(sale, input.family(), report, errors);
        if (currency == null || (!errors.isEmpty() && !voided) || (voided && channel == null)) {
            return voided ? OrderOutcome.NOTHING : new OrderOutcome(null, errors);
        }
        final Money money = new Money(currency);

        final List<OrderLine> lines = new ArrayList<>();
        final List<OrderCustomLine> customLines = new ArrayList<>();
        final String discountProductId = retailer == null ? null : retailer.discountProductId();
        for (final VendSale.Item item : sale.lines()) {
            final OrderTax tax = tax(item.taxId(), signedLike(item.taxComponents(), item.taxTotal()), money, context, report, errors);
            if (item.giftCardNumber() != null || settings.giftCardProductIds().contains(item.productId())) {
                customLines.add(OrderCustomLine.newBuilder().setKey(item.id()).setKind("GIFT_CARD")
                        .setName(item.giftCardNumber() == null ? "Gift card" : "Gift card " + item.giftCardNumber())
                        .setTotalNet(money.minor(item.priceTotal())).setTotalTax(money.minor(item.taxTotal()))
                        .setTotalGross(money.minor(item.priceTotal()) + money.minor(item.taxTotal())).setTax(tax == null ? noTax() : tax).build());
                continue;
            }
            if (item.productId().equals(discountProductId)) {
                customLines.add(OrderCustomLine.newBuilder().setKey(item.id()).setKind("SALE_DISCOUNT").setName("Discount")
                        .setTotalNet(money.minor(item.priceTotal())).setTotalTax(money.minor(item.taxTotal()))
                        .setTotalGross(money.minor(item.priceTotal()) + money.minor(item.taxTotal())).setTax(tax).build());
                continue;
            }
            final String sku = sku(item, input.skus(), report, errors);
            if (sku == null || tax == null) {
                continue;
            }
            if (item.quantity().stripTrailingZeros().scale() > 0) {
                // Weighed or measured goods: commercetools orders whole units of a line item, so the line is its amount.
                customLines.add(fractionalLine(item, sku, tax, money));
                continue;
            }
            final long quantity = item.quantity().longValueExact();
            final long totalNet = money.minor(item.priceTotal());
            final long totalTax = money.minor(item.taxTotal());
            lines.add(OrderLine.newBuilder().setLineId(item.id()).setVendProductId(item.productId()).setSku(sku).setQuantity(quantity)
                    .setUnitPriceNet(money.minor(item.price().add(item.discount())))
                    .setUnitDiscountNet(money.minor(item.discount()))
                    .setTotalNet(totalNet)
                    .setTotalDiscountNet(item.discountTotal() != null ? money.minor(item.discountTotal())
                            : money.minor(item.discount().multiply(item.quantity())))
                    .setTotalTax(totalTax).setTotalGross(totalNet + totalTax).setTax(tax)
                    .setProductDeleted(input.skus().of(item.productId()).deleted())
                    .setProductInactive(input.skus().of(item.productId()).inactive()).build());
        }
        int position = 0;
        for (final VendSale.Adjustment adjustment : sale.adjustments()) {
            final OrderTax tax = tax(null, adjustment.taxComponents(), money, context, report, errors);
            final long net = money.minor(adjustment.value());
            final long taxAmount = adjustment.taxComponents().stream().mapToLong(c -> money.minor(c.amount())).sum();
            customLines.add(OrderCustomLine.newBuilder().setKey("adjustment-" + position++).setKind(adjustment.type())
                    .setName(adjustment.name() == null ? adjustment.type() : adjustment.name()).setTotalNet(net).setTotalTax(taxAmount)
                    .setTotalGross(net + taxAmount).setTax(tax == null ? noTax() : tax).build());
        }
        // Lightspeed eCom's checkout charges (gift wrapping, say) are adjustments Vend leaves out of total_price, total_tax
        // and taxes[] (2025-05 changelog): the order's totals are Vend's plus theirs.
        final List<VendSale.Adjustment> ecomCharges = sale.adjustments().stream().filter(VendSale.Adjustment::isEcomCustomCharge).toList();
        final long totalNet = money.minor(sale.totalPrice()) + ecomCharges.stream().mapToLong(a -> money.minor(a.value())).sum();
        final long totalTax = money.minor(sale.totalTax()) + ecomCharges.stream()
                .flatMap(a -> a.taxComponents().stream()).mapToLong(c -> money.minor(c.amount())).sum();
        final List<OrderTaxPortion> portions = new ArrayList<>();
        final List<VendSale.TaxAmount> perRate = sale.taxes().isEmpty() ? portionsOfLines(sale) : withEcomCharges(sale.taxes(), ecomCharges);
        // Vend rounds each rate's amount in taxes on its own (0.535 and 0.749 are 0.54 and 0.75), so n of them may miss the
        // rounded total by up to n/2 units; so may the exact line taxes miss a total that is the sum of those rounded rates.
        final long rateSlack = perRate.size() / 2;
        final List<Long> perRateMinor = spread(perRate.stream().map(VendSale.TaxAmount::amount).toList(), totalTax, money.fractionDigits(),
                sale.taxes().isEmpty() ? 0 : rateSlack);
        for (int i = 0; i < perRate.size(); i++) {
            final VendSale.TaxAmount amount = perRate.get(i);
            final Map.Entry<VendTax, VendTaxRate> rate = context.rate(amount.rateId());
            if (rate == null) {
                errors.add(taxUnknown(report, amount.rateId()));
                continue;
            }
            portions.add(OrderTaxPortion.newBuilder().setRateId(amount.rateId()).setName(name(rate.getValue().name(), rate.getKey().name()))
                    .setRate(text(rate.getValue().rate())).setAmount(perRateMinor.get(i)).build());
        }

        if (errors.isEmpty()) {
            spreadRounding(sale, lines, customLines, money, totalNet, totalTax, rateSlack);
        }
        final long linesNet = lines.stream().mapToLong(OrderLine::getTotalNet).sum() + customLines.stream().mapToLong(OrderCustomLine::getTotalNet).sum();
        final long linesTax = lines.stream().mapToLong(OrderLine::getTotalTax).sum() + customLines.stream().mapToLong(OrderCustomLine::getTotalTax).sum();
        final long portionsTax = portions.stream().mapToLong(OrderTaxPortion::getAmount).sum();
        // Tax with no rate to carry it (no components anywhere) is a mismatch too: the order would have tax and no portions.
        if (errors.isEmpty() && (linesNet != totalNet || linesTax != totalTax || portionsTax != totalTax)) {
            errors.add(report.error(ErrorCode.ORDER_TOTALS_MISMATCH, "lines and adjustments add up to " + linesNet + " net and " + linesTax
                    + " tax, tax per rate to " + portionsTax + ", but Vend's totals are " + totalNet + " net and " + totalTax + " tax (minor units of "
                    + currency + ")", List.of(), "Check the sale in Vend; an order is imported only with totals that match Vend's."));
        }
        if (!errors.isEmpty() && !voided) {
            return new OrderOutcome(null, errors);
        }

        final List<OrderPayment> payments = new ArrayList<>();
        for (final VendSale.Payment payment : sale.payments()) {
            final VendPaymentType type = payment.paymentTypeId() == null ? null : context.paymentTypes().get(payment.paymentTypeId());
            payments.add(OrderPayment.newBuilder().setPaymentId(payment.id()).setPaymentTypeId(payment.paymentTypeId())
                    .setMethod(type != null && GiftCards.PAYMENT_TYPE_ID.equals(type.typeId()) ? GiftCards.METHOD
                            : type != null && type.name() != null ? type.name() : payment.name() != null ? payment.name() : "Unknown")
                    .setVendTypeId(type == null ? null : type.typeId()).setAmount(money.minor(payment.amount()))
                    .setPaidAtMs(payment.paidAtMs()).build());
        }
        final long paid = payments.stream().mapToLong(OrderPayment::getAmount).sum();
        final long totalGross = totalNet + totalTax;
        final VendRegister register = sale.registerId() == null ? null : context.registers().get(sale.registerId());
        final Order order = Order.newBuilder()
                .setSaleId(sale.id())
                .setOrderNumber(orderNumber(sale.id(), sale.invoiceNumber()))
                .setInvoiceNumber(sale.invoiceNumber())
                .setVendStatus(sale.status())
                .setVendDeleted(sale.deleted())
                .setVendState(sale.state() == null ? phase.name().toLowerCase(Locale.ROOT) : sale.state())
                .setVendAttributes(sale.attributes())
                .setOrderState(switch (phase) {
                    case CLOSED -> "Complete";
                    case VOIDED -> "Cancelled";
                    default -> "Open";
                })
                .setShipmentState(ShipmentStates.of(sale.status()))
                .setPaymentState(paymentState(phase == Phase.CLOSED, paid, totalGross, payments, money.fractionDigits()))
                .setCurrency(currency)
                .setFractionDigits(money.fractionDigits())
                // Only a void gets here without its outlet (a channel mapped by import, the retailer's currency): it cancels,
                // and says what the store shows (the retailer's setting) rather than a guess.
                .setTaxIncluded(outlet != null ? outlet.taxInclusive(retailer) : retailer != null && !retailer.taxExclusive())
                .setCountry(outlet != null && outlet.countryId() != null ? outlet.countryId() : retailer == null ? null : retailer.country())
                .setOutletId(sale.outletId())
                .setOutletName(outlet == null ? null : outlet.name())
                .setChannelKey(channel)
                .setRegisterId(sale.registerId())
                .setRegisterName(register == null ? null : register.name())
                .setCustomerId(sale.customerId())
                // A buyer withheld as a duplicate of another customer's email buys as that customer.
                .setCustomerKey(sale.customerId() == null ? null : input.buyerOwner() != null ? input.buyerOwner().key()
                        : settings.customerKeyPrefix() + sale.customerId())
                .setCustomerEmail(sale.customerId() == null ? null : input.buyerOwner() != null ? input.buyerOwner().email()
                        : input.buyerEmail())
                .setSaleDateMs(sale.saleDateMs())
                .setNote(sale.note())
                .setReturnFor(sale.returnFor())
                .setReturnForOrderNumber(returnForOrderNumber)
                .setLines(lines)
                .setCustomLines(customLines)
                .setTotalNet(totalNet)
                .setTotalTax(totalTax)
                .setTotalGross(totalGross)
                .setTaxPortions(portions)
                .setPayments(payments)
                .setPaid(paid)
                .setSourceVersion(sale.version())
                .setSourceTsMs(nowMs)
                .build();
        if (ExchangeSplit.isExchange(sale, discountProductId)) {
            final OrderOutcome parts = ExchangeSplit.split(sale, order, discountProductId, report, errors);
            return errors.isEmpty() || voided ? parts : new OrderOutcome(null, errors);
        }
        return new OrderOutcome(order, List.of());
    }

    /**
     * When Vend's exact line amounts (five decimals) round to its sale totals as a whole (the tax within {@code taxSlack}
     * units: a total tax that adds up rates rounded one by one), the minor units of the lines are spread so that they add
     * up to those totals exactly ({@link MinorUnits}); a line's tax components follow its tax. Real differences stay: the
     * totals check after this still reports them.
     */
    private static void spreadRounding(final VendSale sale, final List<OrderLine> lines, final List<OrderCustomLine> customLines,
                                       final Money money, final long totalNet, final long totalTax, final long taxSlack) {
        final Map<String, VendSale.Item> items = new java.util.HashMap<>();
        sale.lines().forEach(item -> items.put(item.id(), item));
        final List<BigDecimal> exactNet = new ArrayList<>();
        final List<BigDecimal> exactTax = new ArrayList<>();
        for (final OrderLine line : lines) {
            exactNet.add(items.get(line.getLineId()).priceTotal());
            exactTax.add(items.get(line.getLineId()).taxTotal());
        }
        int adjustment = 0;
        for (final OrderCustomLine line : customLines) {
            final VendSale.Item item = items.get(line.getKey());
            if (item != null) {
                exactNet.add(item.priceTotal());
                exactTax.add(item.taxTotal());
            } else {
                final VendSale.Adjustment a = sale.adjustments().get(adjustment++);
                exactNet.add(a.value());
                exactTax.add(a.taxComponents().stream().map(VendSale.TaxAmount::amount).reduce(BigDecimal.ZERO, BigDecimal::add));
            }
        }
        final BigDecimal netSum = exactNet.stream().reduce(BigDecimal.ZERO, BigDecimal::add);
        final BigDecimal taxSum = exactTax.stream().reduce(BigDecimal.ZERO, BigDecimal::add);
        if (money.minor(netSum) != totalNet || Math.abs(money.minor(taxSum) - totalTax) > taxSlack) {
            return; // not a rounding matter
        }
        final List<Long> net = MinorUnits.allocate(exactNet, totalNet, money.fractionDigits());
        final List<Long> tax = MinorUnits.allocate(exactTax, totalTax, money.fractionDigits());
        for (int i = 0; i < lines.size(); i++) {
            final OrderLine line = lines.get(i);
            shiftComponents(line.getTax(), tax.get(i) - line.getTotalTax());
            line.setTotalNet(net.get(i));
            line.setTotalTax(tax.get(i));
            line.setTotalGross(net.get(i) + tax.get(i));
        }
        for (int i = 0; i < customLines.size(); i++) {
            final OrderCustomLine line = customLines.get(i);
            final int at = lines.size() + i;
            shiftComponents(line.getTax(), tax.get(at) - line.getTotalTax());
            line.setTotalNet(net.get(at));
            line.setTotalTax(tax.get(at));
            line.setTotalGross(net.get(at) + tax.get(at));
        }
    }

    /**
     * Vend's amounts in minor units: spread over {@code total} when, rounded as a whole, they are within {@code slack} units
     * of it ({@link MinorUnits#allocateWithin}), else each rounded, so a real difference is still reported.
     */
    private static List<Long> spread(final List<BigDecimal> exact, final long total, final int fractionDigits, final long slack) {
        final List<Long> spread = MinorUnits.allocateWithin(exact, total, fractionDigits, slack);
        return spread != null ? spread
                : exact.stream().map(a -> a.movePointRight(fractionDigits).setScale(0, RoundingMode.HALF_EVEN).longValueExact()).toList();
    }

    /** The custom line kind of a line of a fractional quantity ({@link #fractionalLine}). */
    static final String PRODUCT_LINE = "PRODUCT";

    /**
     * Paid when the payments cover the total. Also when a closed sale paid in cash is short by less than half a unit of
     * the currency: Vend's cash rounding (0.05 to 1.00, set on the cash payment type) rounds the amount owed, not the
     * sale's total, and the rounding goes to an expense account, not a line; a sale Vend closed is settled.
     */
    static String paymentState(final boolean closed, final long paid, final long gross, final List<OrderPayment> payments,
                               final int fractionDigits) {
        final long shortBy = gross - paid;
        if (shortBy <= 0) {
            return "Paid";
        }
        final long halfUnit = fractionDigits == 0 ? 0 : 5 * BigDecimal.TEN.pow(fractionDigits - 1).longValueExact();
        final boolean cash = payments.stream().anyMatch(p -> VendPaymentType.CASH_TYPE_ID.equals(p.getVendTypeId()));
        return closed && cash && shortBy < halfUnit ? "Paid" : "BalanceDue";
    }

    /** Moves a line's largest tax component by the units its tax moved, so the components still add up to it. */
    private static void shiftComponents(final OrderTax tax, final long delta) {
        if (delta == 0 || tax == null || tax.getComponents().isEmpty()) {
            return;
        }
        final OrderTaxComponent largest = tax.getComponents().stream().max(java.util.Comparator.comparingLong(c -> Math.abs(c.getAmount())))
                .orElseThrow();
        largest.setAmount(largest.getAmount() + delta);
    }

    /** A sale Vend deleted is cancelled as a voided one is: it is no sale any more, whatever its status was. */
    static Phase phase(final VendSale sale) {
        return sale.deleted() ? Phase.VOIDED : phase(sale.status(), sale.state());
    }

    static Phase phase(final String status, final String state) {
        if ("VOIDED".equals(status)) {
            return Phase.VOIDED;
        }
        if (VendSaleStatus.isClosed(status)) {
            return Phase.CLOSED;
        }
        if ("SAVED".equals(status) || "OPEN".equals(status)) {
            return Phase.PARKED;
        }
        if (VendSaleStatus.PENDING.contains(status)) {
            return Phase.PENDING;
        }
        return switch (state == null ? "" : state) {
            case "closed" -> Phase.CLOSED;
            case "voided" -> Phase.VOIDED;
            case "pending" -> Phase.PENDING;
            default -> Phase.PARKED;
        };
    }

    private String orderNumber(final String saleId, final String invoiceNumber) {
        return settings.orderNumberIsSaleId() || invoiceNumber == null ? saleId : invoiceNumber;
    }

    /**
     * A return is published only against a known original and within what was sold: its original's order number, or
     * null with the problem reported. An unknown original (sold before the sync started, or not read yet) waits: the
     * return is published as soon as the original arrives (live, or by a backfill of sales), since the family changes.
     */
    private String checkReturn(final VendSale sale, final SaleFamily family, final OrderErrors report, final List<ValidationError> errors) {
        if (family == null || family.original() == null) {
            errors.add(report.error(ErrorCode.RETURN_ORIGINAL_UNKNOWN, "return " + sale.id() + " is of sale " + sale.returnFor()
                    + ", which vendsync has not read", List.of(sale.returnFor()), "Backfill the original (vendsync snapshot --entity sales "
                    + "--since <a date before it>); the return is mirrored onto its order once the original is read."));
            return null;
        }
        final java.util.SortedMap<String, BigDecimal> excess = family.excess(SaleFamily.Member.of(sale));
        if (!excess.isEmpty()) {
            errors.add(report.error(ErrorCode.RETURN_EXCEEDS_SALE, "return " + sale.id() + " returns more than sale " + sale.returnFor()
                    + " sold, after its earlier returns: " + excess + " units too many per product", List.copyOf(excess.keySet()),
                    "Check the returns of sale " + sale.returnFor() + " in Vend; a return that exceeds what was sold is not mirrored."));
            return null;
        }
        return orderNumber(family.original().id(), family.original().invoiceNumber());
    }

    /**
     * A line of a fractional quantity as a custom line {@code PRODUCT} of the line's amounts, named by its quantity and
     * SKU: commercetools orders whole units of a line item, and the sale's revenue and tax stay whole.
     */
    private static OrderCustomLine fractionalLine(final VendSale.Item item, final String sku, final OrderTax tax, final Money money) {
        final long net = money.minor(item.priceTotal());
        final long taxAmount = money.minor(item.taxTotal());
        return OrderCustomLine.newBuilder().setKey(item.id()).setKind(PRODUCT_LINE)
                .setName(item.quantity().stripTrailingZeros().toPlainString() + " x " + sku)
                .setTotalNet(net).setTotalTax(taxAmount).setTotalGross(net + taxAmount).setTax(tax).build();
    }

    private static String sku(final VendSale.Item item, final SaleSkus skus, final OrderErrors report, final List<ValidationError> errors) {
        final SaleSkus.Resolved resolved = skus.of(item.productId());
        if (!resolved.known()) {
            errors.add(report.error(ErrorCode.PRODUCT_UNKNOWN, "line " + item.id() + " sells product " + item.productId()
                    + ", which has no SKU resolution yet", List.of(item.productId()),
                    "Wait for the product to be read (it follows by itself), or check that product " + item.productId() + " exists in Vend."));
            return null;
        }
        if (resolved.conflictCode() != null) {
            errors.add(report.error(resolved.conflictCode(), "line " + item.id() + " sells product " + item.productId()
                    + ", whose SKU is withheld by " + resolved.conflictCode(), resolved.candidates(),
                    "Resolve the product's " + resolved.conflictCode() + " (see its own error on errors.validation); the order follows."));
            return null;
        }
        if (resolved.sku() == null || resolved.sku().isBlank()) {
            errors.add(report.error(ErrorCode.SKU_MISSING, "line " + item.id() + " sells product " + item.productId() + ", which has no SKU",
                    List.of(item.productId()), "Give product " + item.productId() + " a SKU in Vend or an override on mapping.product-sku."));
            return null;
        }
        return resolved.sku();
    }

    /** The tax of a line or adjustment: the Vend tax it names, else the tax its components belong to, else no tax. */
    private static OrderTax tax(final String taxId, final List<VendSale.TaxAmount> components, final Money money,
                                final OrderContext context, final OrderErrors report, final List<ValidationError> errors) {
        VendTax tax = taxId == null ? null : context.taxes().get(taxId);
        if (taxId != null && tax == null) {
            errors.add(taxUnknown(report, taxId));
            return null;
        }
        final List<OrderTaxComponent> parts = new ArrayList<>();
        for (final VendSale.TaxAmount component : components) {
            final Map.Entry<VendTax, VendTaxRate> rate = context.rate(component.rateId());
            if (rate == null) {
                errors.add(taxUnknown(report, component.rateId()));
                return null;
            }
            tax = tax == null ? rate.getKey() : tax;
            parts.add(OrderTaxComponent.newBuilder().setRateId(component.rateId()).setName(name(rate.getValue().name(), rate.getKey().name()))
                    .setRate(text(rate.getValue().rate())).setAmount(money.minor(component.amount())).build());
        }
        if (tax == null) {
            return noTax();
        }
        return OrderTax.newBuilder().setTaxId(tax.id()).setName(name(tax.name(), tax.id())).setRate(text(tax.rate())).setComponents(parts).build();
    }

    /**
     * A documented return line gives its tax components positive while its {@code tax_total} is negative (docs
     * sales_returns): each component takes the sign of the line's tax.
     */
    static List<VendSale.TaxAmount> signedLike(final List<VendSale.TaxAmount> components, final BigDecimal taxTotal) {
        return components.stream().map(c -> c.amount().signum() * taxTotal.signum() < 0 ? new VendSale.TaxAmount(c.rateId(), c.amount().negate()) : c)
                .toList();
    }

    /** Vend's tax per rate with the eCom charges' added, rate by rate. */
    private static List<VendSale.TaxAmount> withEcomCharges(final List<VendSale.TaxAmount> taxes, final List<VendSale.Adjustment> charges) {
        if (charges.isEmpty()) {
            return taxes;
        }
        final Map<String, BigDecimal> byRate = new java.util.LinkedHashMap<>();
        taxes.forEach(t -> byRate.merge(t.rateId(), t.amount(), BigDecimal::add));
        charges.forEach(charge -> charge.taxComponents().forEach(c -> byRate.merge(c.rateId(), c.amount(), BigDecimal::add)));
        return byRate.entrySet().stream().map(e -> new VendSale.TaxAmount(e.getKey(), e.getValue())).toList();
    }

    /**
     * Tax per rate from the lines' (signed) components and the adjustments', for a sale whose {@code taxes} Vend leaves
     * empty (a return does) or gives without rate ids (the 2.0 schema's {@code SaleTax}).
     */
    private static List<VendSale.TaxAmount> portionsOfLines(final VendSale sale) {
        final Map<String, BigDecimal> byRate = new java.util.LinkedHashMap<>();
        for (final VendSale.Item item : sale.lines()) {
            signedLike(item.taxComponents(), item.taxTotal()).forEach(c -> byRate.merge(c.rateId(), c.amount(), BigDecimal::add));
        }
        for (final VendSale.Adjustment adjustment : sale.adjustments()) {
            adjustment.taxComponents().forEach(c -> byRate.merge(c.rateId(), c.amount(), BigDecimal::add));
        }
        return byRate.entrySet().stream().map(e -> new VendSale.TaxAmount(e.getKey(), e.getValue())).toList();
    }

    private static OrderTax noTax() {
        return OrderTax.newBuilder().setTaxId(null).setName("No Tax").setRate("0").setComponents(List.of()).build();
    }

    private static ValidationError taxUnknown(final OrderErrors report, final String id) {
        return report.error(ErrorCode.ORDER_TAX_UNKNOWN, "tax or tax rate " + id + " is unknown", List.of(id),
                "Wait for the taxes to be read (they follow by themselves), or check tax " + id + " in Vend.");
    }

    private static String name(final String name, final String fallback) {
        return name == null || name.isBlank() ? fallback : name;
    }

    private static String text(final BigDecimal rate) {
        return rate.signum() == 0 ? "0" : rate.stripTrailingZeros().toPlainString();
    }

    /** Vend decimals to minor units of one currency, half-even. */
    private record Money(String currency, int fractionDigits) {

        Money(final String currency) {
            this(currency, digits(currency));
        }

        long minor(final BigDecimal amount) {
            return amount.movePointRight(fractionDigits).setScale(0, RoundingMode.HALF_EVEN).longValueExact();
        }

        private static int digits(final String currency) {
            try {
                final int digits = Currency.getInstance(currency).getDefaultFractionDigits();
                return digits < 0 ? 2 : digits;
            } catch (IllegalArgumentException e) {
                return 2;
            }
        }
    }
}
