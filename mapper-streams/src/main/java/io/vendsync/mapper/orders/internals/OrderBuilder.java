package io.vendsync.mapper.orders.internals;

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
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The rules that make a sale an order. Which sales: a closed sale (CLOSED and every *_CLOSED) is a Complete order; a
 * pending one (layby, on-account, awaiting dispatch or pickup, service) is an Open order only under
 * {@code orders.pending.policy=open}; a parked one never; a voided one is a Cancelled record (the sink cancels the order
 * if one exists and creates none otherwise). Amounts are Vend's own (prices, line totals, tax components, sale totals),
 * never recomputed from rates. Vend keeps line amounts at five decimals and rounds only the sale's totals, so the lines'
 * unrounded sums are checked against those totals (when they do not match, no order is published) and the totals are
 * then handed out to the lines in minor units by the largest remainder ({@link MinorUnits}): lines, tax components and
 * tax per rate add up to Vend's totals to the cent. A line needs the SKU its product resolved to; the retailer's discount product is a
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
        final OrderReference.Outlet outlet = context.outlets().get(sale.outletId());
        final OrderReference.Retailer retailer = context.retailer();
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
        if (currency == null || (!errors.isEmpty() && !voided) || (voided && channel == null)) {
            return voided ? OrderOutcome.NOTHING : new OrderOutcome(null, errors);
        }
        final Money money = new Money(currency);

        // Built first with Vend's exact amounts; their minor units are handed out once the sale's totals are known.
        final List<OrderLine.Builder> lineBuilders = new ArrayList<>();
        final List<OrderCustomLine.Builder> customBuilders = new ArrayList<>();
        final List<Exact> lineAmounts = new ArrayList<>();
        final List<Exact> customAmounts = new ArrayList<>();
        final String discountProductId = retailer == null ? null : retailer.discountProductId();
        for (final VendSale.Item item : sale.lines()) {
            final OrderTax tax = tax(item.taxId(), item.taxComponents(), money, context, report, errors);
            if (item.productId().equals(discountProductId)) {
                customBuilders.add(OrderCustomLine.newBuilder().setKey(item.id()).setKind("SALE_DISCOUNT").setName("Discount").setTax(tax));
                customAmounts.add(new Exact(item.priceTotal(), item.taxTotal(), item.taxComponents()));
                continue;
            }
            final String sku = sku(item, input.skus(), report, errors);
            if (item.quantity().stripTrailingZeros().scale() > 0) {
                errors.add(report.error(ErrorCode.ORDER_QUANTITY_FRACTIONAL, "line " + item.id() + " sells " + item.quantity().toPlainString()
                        + " of product " + item.productId() + "; commercetools orders whole units", List.of(item.productId()),
                        "Sell the product in whole units in Vend (e.g. per 100 g), or leave it out of the sync."));
                continue;
            }
            if (sku == null || tax == null) {
                continue;
            }
            lineBuilders.add(OrderLine.newBuilder().setLineId(item.id()).setVendProductId(item.productId()).setSku(sku)
                    .setQuantity(item.quantity().longValueExact())
                    .setUnitPriceNet(money.minor(item.price().add(item.discount())))
                    .setUnitDiscountNet(money.minor(item.discount()))
                    .setTotalDiscountNet(item.discountTotal() != null ? money.minor(item.discountTotal())
                            : money.minor(item.discount().multiply(item.quantity())))
                    .setTax(tax));
            lineAmounts.add(new Exact(item.priceTotal(), item.taxTotal(), item.taxComponents()));
        }
        int position = 0;
        for (final VendSale.Adjustment adjustment : sale.adjustments()) {
            final OrderTax tax = tax(null, adjustment.taxComponents(), money, context, report, errors);
            customBuilders.add(OrderCustomLine.newBuilder().setKey("adjustment-" + position++).setKind(adjustment.type())
                    .setName(adjustment.name() == null ? adjustment.type() : adjustment.name()).setTax(tax == null ? noTax() : tax));
            customAmounts.add(new Exact(adjustment.value(), adjustment.taxComponents().stream().map(VendSale.TaxAmount::amount)
                    .reduce(BigDecimal.ZERO, BigDecimal::add), adjustment.taxComponents()));
        }
        final List<OrderTaxPortion.Builder> portionBuilders = new ArrayList<>();
        final List<BigDecimal> portionAmounts = new ArrayList<>();
        for (final VendSale.TaxAmount amount : sale.taxes()) {
            final Map.Entry<OrderReference.Tax, OrderReference.Rate> rate = context.rate(amount.rateId());
            if (rate == null) {
                errors.add(taxUnknown(report, amount.rateId()));
                continue;
            }
            portionBuilders.add(OrderTaxPortion.newBuilder().setRateId(amount.rateId()).setName(name(rate.getValue().name(), rate.getKey().name()))
                    .setRate(text(rate.getValue().rate())));
            portionAmounts.add(amount.amount());
        }

        final long totalNet = money.minor(sale.totalPrice());
        final long totalTax = money.minor(sale.totalTax());
        final List<Exact> parts = new ArrayList<>(lineAmounts);
        parts.addAll(customAmounts);
        final List<BigDecimal> nets = parts.stream().map(Exact::net).toList();
        final List<BigDecimal> taxes = parts.stream().map(Exact::tax).toList();
        // Vend's own sums, unrounded, against its rounded totals: a real difference, not Vend's five-decimal line amounts.
        final long partsNet = MinorUnits.roundedSum(nets, money.fractionDigits());
        final long partsTax = MinorUnits.roundedSum(taxes, money.fractionDigits());
        final long portionsTax = MinorUnits.roundedSum(portionAmounts, money.fractionDigits());
        if (errors.isEmpty() && (partsNet != totalNet || partsTax != totalTax || (!portionAmounts.isEmpty() && portionsTax != totalTax))) {
            errors.add(report.error(ErrorCode.ORDER_TOTALS_MISMATCH, "lines and adjustments add up to " + partsNet + " net and " + partsTax
                    + " tax, tax per rate to " + portionsTax + ", but Vend's totals are " + totalNet + " net and " + totalTax + " tax (minor units of "
                    + currency + ")", List.of(), "Check the sale in Vend; an order is imported only with totals that match Vend's."));
        }
        final long[] netParts = money.split(nets, totalNet);
        final long[] taxParts = money.split(taxes, totalTax);
        final List<OrderLine> lines = new ArrayList<>();
        final List<OrderCustomLine> customLines = new ArrayList<>();
        for (int i = 0; i < parts.size(); i++) {
            final long net = netParts[i];
            final long tax = taxParts[i];
            if (i < lineBuilders.size()) {
                final OrderLine.Builder line = lineBuilders.get(i);
                money.splitComponents(line.getTax(), parts.get(i).components(), tax);
                lines.add(line.setTotalNet(net).setTotalTax(tax).setTotalGross(net + tax).build());
            } else {
                final OrderCustomLine.Builder custom = customBuilders.get(i - lineBuilders.size());
                money.splitComponents(custom.getTax(), parts.get(i).components(), tax);
                customLines.add(custom.setTotalNet(net).setTotalTax(tax).setTotalGross(net + tax).build());
            }
        }
        final long[] portionParts = money.split(portionAmounts, totalTax);
        final List<OrderTaxPortion> portions = new ArrayList<>();
        for (int i = 0; i < portionBuilders.size(); i++) {
            portions.add(portionBuilders.get(i).setAmount(portionParts[i]).build());
        }
        if (!errors.isEmpty() && !voided) {
            return new OrderOutcome(null, errors);
        }

        final List<OrderPayment> payments = new ArrayList<>();
        for (final VendSale.Payment payment : sale.payments()) {
            final OrderReference.PaymentType type = payment.paymentTypeId() == null ? null : context.paymentTypes().get(payment.paymentTypeId());
            payments.add(OrderPayment.newBuilder().setPaymentId(payment.id()).setPaymentTypeId(payment.paymentTypeId())
                    .setMethod(type != null && type.name() != null ? type.name() : payment.name() != null ? payment.name() : "Unknown")
                    .setVendTypeId(type == null ? null : type.typeId()).setAmount(money.minor(payment.amount()))
                    .setPaidAtMs(payment.paidAtMs()).build());
        }
        final long paid = payments.stream().mapToLong(OrderPayment::getAmount).sum();
        final long totalGross = totalNet + totalTax;
        final OrderReference.Register register = sale.registerId() == null ? null : context.registers().get(sale.registerId());
        final Order order = Order.newBuilder()
                .setSaleId(sale.id())
                .setOrderNumber(settings.orderNumberIsSaleId() || sale.invoiceNumber() == null ? sale.id() : sale.invoiceNumber())
                .setInvoiceNumber(sale.invoiceNumber())
                .setVendStatus(sale.status())
                .setVendState(sale.state() == null ? phase.name().toLowerCase(Locale.ROOT) : sale.state())
                .setVendAttributes(sale.attributes())
                .setOrderState(switch (phase) {
                    case CLOSED -> "Complete";
                    case VOIDED -> "Cancelled";
                    default -> "Open";
                })
                .setPaymentState(paid >= totalGross ? "Paid" : "BalanceDue")
                .setCurrency(currency)
                .setFractionDigits(money.fractionDigits())
                .setTaxIncluded(outlet.taxInclusive())
                .setCountry(outlet.country() != null ? outlet.country() : retailer == null ? null : retailer.country())
                .setOutletId(sale.outletId())
                .setOutletName(outlet.name())
                .setChannelKey(channel)
                .setRegisterId(sale.registerId())
                .setRegisterName(register == null ? null : register.name())
                .setCustomerId(sale.customerId())
                .setCustomerKey(sale.customerId() == null ? null : settings.customerKeyPrefix() + sale.customerId())
                .setCustomerEmail(null)
                .setSaleDateMs(sale.saleDateMs())
                .setNote(sale.note())
                .setReturnFor(sale.returnFor())
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
        return new OrderOutcome(order, List.of());
    }

    static Phase phase(final VendSale sale) {
        final String status = sale.status();
        if ("VOIDED".equals(status)) {
            return Phase.VOIDED;
        }
        if ("CLOSED".equals(status) || status.endsWith("_CLOSED")) {
            return Phase.CLOSED;
        }
        if ("SAVED".equals(status) || "OPEN".equals(status)) {
            return Phase.PARKED;
        }
        if (List.of("ONACCOUNT", "LAYBY", "AWAITING_DISPATCH", "AWAITING_PICKUP", "SERVICE").contains(status)) {
            return Phase.PENDING;
        }
        return switch (sale.state() == null ? "" : sale.state()) {
            case "closed" -> Phase.CLOSED;
            case "voided" -> Phase.VOIDED;
            case "pending" -> Phase.PENDING;
            default -> Phase.PARKED;
        };
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
        OrderReference.Tax tax = taxId == null ? null : context.taxes().get(taxId);
        if (taxId != null && tax == null) {
            errors.add(taxUnknown(report, taxId));
            return null;
        }
        final List<OrderTaxComponent> parts = new ArrayList<>();
        for (final VendSale.TaxAmount component : components) {
            final Map.Entry<OrderReference.Tax, OrderReference.Rate> rate = context.rate(component.rateId());
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

    /** A line's or adjustment's amounts as Vend sent them, before they are handed their minor units. */
    private record Exact(BigDecimal net, BigDecimal tax, List<VendSale.TaxAmount> components) {
    }

    /** Vend decimals to minor units of one currency, half-even. */
    private record Money(String currency, int fractionDigits) {

        Money(final String currency) {
            this(currency, digits(currency));
        }

        long minor(final BigDecimal amount) {
            return MinorUnits.round(amount, fractionDigits);
        }

        /** {@code total} handed out over {@code amounts} ({@link MinorUnits#allocate}); each rounded alone when it cannot be. */
        long[] split(final List<BigDecimal> amounts, final long total) {
            final long[] parts = MinorUnits.allocate(amounts, fractionDigits, total);
            return parts != null ? parts : amounts.stream().mapToLong(this::minor).toArray();
        }

        /** A line's tax components made to add up to the line's tax, in the order {@link #tax} built them. */
        void splitComponents(final OrderTax tax, final List<VendSale.TaxAmount> components, final long lineTax) {
            if (tax == null || tax.getComponents().size() != components.size() || components.isEmpty()) {
                return;
            }
            final long[] parts = split(components.stream().map(VendSale.TaxAmount::amount).toList(), lineTax);
            for (int i = 0; i < parts.length; i++) {
                tax.getComponents().get(i).setAmount(parts[i]);
            }
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
