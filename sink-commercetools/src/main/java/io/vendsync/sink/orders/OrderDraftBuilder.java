package io.vendsync.sink.orders;

import com.commercetools.api.models.cart.CartOrigin;
import com.commercetools.api.models.cart.CustomLineItem;
import com.commercetools.api.models.cart.InventoryMode;
import com.commercetools.api.models.cart.TaxPortionDraft;
import com.commercetools.api.models.cart.TaxedPriceDraft;
import com.commercetools.api.models.common.LocalizedString;
import com.commercetools.api.models.common.Money;
import com.commercetools.api.models.common.PriceDraft;
import com.commercetools.api.models.order.CustomLineItemImportDraft;
import com.commercetools.api.models.order.LineItemImportDraft;
import com.commercetools.api.models.order.OrderImportDraft;
import com.commercetools.api.models.order.OrderImportDraftBuilder;
import com.commercetools.api.models.order.OrderState;
import com.commercetools.api.models.order.PaymentInfo;
import com.commercetools.api.models.order.PaymentState;
import com.commercetools.api.models.order.ShipmentState;
import com.commercetools.api.models.order.ProductVariantImportDraft;
import com.commercetools.api.models.payment.PaymentReference;
import com.commercetools.api.models.tax_category.TaxRate;
import com.commercetools.api.models.type.CustomFieldsDraft;
import com.commercetools.api.models.type.FieldContainer;
import com.commercetools.api.models.type.TypeResourceIdentifier;
import io.vendsync.schemas.canonical.v1.Order;
import io.vendsync.schemas.canonical.v1.OrderCustomLine;
import io.vendsync.schemas.canonical.v1.OrderLine;
import io.vendsync.schemas.canonical.v1.OrderTax;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The order import draft of a canonical order, pure, with Vend's figures as they are:
 * <ul>
 *   <li>Line prices are net (Vend's API amounts exclude tax, with the tax given apart), {@code includedInPrice=false};
 *       a gross unit price would have to be recomputed and rounded. Whether the outlet showed gross prices is the
 *       {@code vendTaxIncluded} field.</li>
 *   <li>A line is imported at its list price (before the line discount): the import has no discounted price, so the
 *       discount is a negative custom line {@code line-discount-<line id>} at the line's tax rate. When Vend's unit price
 *       has more decimals than the currency, the cent the rounding leaves is a custom line {@code rounding-<line id>},
 *       so the lines add up to Vend's line total.</li>
 *   <li>Sale-level discounts and adjustments are custom lines of their own; totals and tax portions are Vend's
 *       ({@code totalPrice} net, {@code taxedPrice} net, gross and per rate).</li>
 *   <li>{@code inventoryMode None}: Vend decremented the store's stock when it rang the sale up, and the stock sync
 *       carries that to commercetools; the order must not deduct it a second time.</li>
 * </ul>
 */
public final class OrderDraftBuilder {

    /**
     * The slug prefixes and name notes of a line of a product Vend deleted or made inactive that commercetools has no
     * variant of (vendsync never created one).
     */
    private static final String DELETED_PRODUCT_SLUG = "deleted-product-";
    private static final String DELETED_PRODUCT_NOTE = " (deleted in Vend)";
    private static final String INACTIVE_PRODUCT_SLUG = "inactive-product-";
    private static final String INACTIVE_PRODUCT_NOTE = " (inactive in Vend)";

    private OrderDraftBuilder() {
    }

    /** Whether {@code line} is the custom line this builder made of a line of {@code sku}'s deleted or inactive product. */
    static boolean isOffSaleProductLine(final CustomLineItem line, final String sku) {
        if (line.getSlug() == null || line.getName() == null) {
            return false;
        }
        final String name = String.valueOf(line.getName().get("en"));
        return line.getSlug().startsWith(DELETED_PRODUCT_SLUG) && name.endsWith(" x " + sku + DELETED_PRODUCT_NOTE)
                || line.getSlug().startsWith(INACTIVE_PRODUCT_SLUG) && name.endsWith(" x " + sku + INACTIVE_PRODUCT_NOTE);
    }

    /** A deleted or inactive product's line as a custom line: {@code <quantity> x <SKU> (deleted in Vend)} (or inactive). */
    private static CustomLineItemImportDraft offSaleLine(final OrderLine line, final String currency, final TaxRate rate) {
        final boolean deleted = line.getProductDeleted();
        return custom((deleted ? DELETED_PRODUCT_SLUG : INACTIVE_PRODUCT_SLUG) + line.getLineId(),
                line.getQuantity() + " x " + line.getSku() + (deleted ? DELETED_PRODUCT_NOTE : INACTIVE_PRODUCT_NOTE),
                line.getTotalNet(), currency, rate);
    }

    /** {@link #draft(Order, String, String, List, Set, Map)} with every line a line item named by its SKU. */
    public static OrderImportDraft draft(final Order record, final String typeId, final String customerId, final List<String> paymentIds) {
        return draft(record, typeId, customerId, paymentIds, Set.of(), Map.of());
    }

    /**
     * @param customerId     the buyer's commercetools customer id, or null; the record's email, if any, is set either way
     * @param paymentIds     the commercetools payments of the record's payments, in order
     * @param withoutVariant SKUs of products deleted or inactive in Vend that commercetools has no variant of: their lines
     *                       are custom lines {@code deleted-product-<line id>} of their net total, named
     *                       {@code <quantity> x <SKU> (deleted in Vend)} ({@code inactive-product-}, {@code (inactive in Vend)})
     * @param names          the name of the product of each SKU's variant; a line of a SKU without one is named by its SKU
     */
    public static OrderImportDraft draft(final Order record, final String typeId, final String customerId, final List<String> paymentIds,
                                         final Set<String> withoutVariant, final Map<String, LocalizedString> names) {
        final String currency = record.getCurrency();
        final String country = record.getCountry();
        final List<LineItemImportDraft> lines = new ArrayList<>();
        final List<CustomLineItemImportDraft> customLines = new ArrayList<>();
        for (final OrderLine line : record.getLines()) {
            final TaxRate rate = rate(line.getTax(), country);
            if (withoutVariant.contains(line.getSku())) {
                customLines.add(offSaleLine(line, currency, rate));
                continue;
            }
            lines.add(LineItemImportDraft.builder()
                    .name(names.getOrDefault(line.getSku(), LocalizedString.ofEnglish(line.getSku())))
                    .variant(ProductVariantImportDraft.builder().sku(line.getSku()).build())
                    .quantity(line.getQuantity())
                    .price(PriceDraft.builder().value(money(currency, line.getUnitPriceNet())).build())
                    .taxRate(rate)
                    .build());
            if (line.getTotalDiscountNet() != 0) {
                customLines.add(custom("line-discount-" + line.getLineId(), "Discount on " + line.getSku(), -line.getTotalDiscountNet(),
                        currency, rate));
            }
            final long rounding = line.getTotalNet() - (line.getQuantity() * line.getUnitPriceNet() - line.getTotalDiscountNet());
            if (rounding != 0) {
                customLines.add(custom("rounding-" + line.getLineId(), "Rounding on " + line.getSku(), rounding, currency, rate));
            }
        }
        for (final OrderCustomLine line : record.getCustomLines()) {
            customLines.add(custom(slug(line.getKind(), line.getKey()), line.getName(), line.getTotalNet(), currency, rate(line.getTax(), country)));
        }
        final List<TaxPortionDraft> portions = record.getTaxPortions().stream()
                .map(p -> TaxPortionDraft.builder().name(p.getName()).rate(Double.parseDouble(p.getRate())).amount(money(currency, p.getAmount())).build())
                .toList();
        final OrderImportDraftBuilder draft = OrderImportDraft.builder()
                .orderNumber(record.getOrderNumber())
                .lineItems(lines)
                .customLineItems(customLines)
                .totalPrice(money(currency, record.getTotalNet()))
                .taxedPrice(TaxedPriceDraft.builder().totalNet(money(currency, record.getTotalNet()))
                        .totalGross(money(currency, record.getTotalGross())).taxPortions(portions)
                        .totalTax(com.commercetools.api.models.common.CentPrecisionMoneyDraft.builder().currencyCode(currency)
                                .centAmount(record.getTotalTax()).fractionDigits(record.getFractionDigits()).build()).build())
                .orderState(OrderState.findEnum(record.getOrderState()))
                .paymentState(PaymentState.findEnum(record.getPaymentState()))
                .shipmentState(record.getShipmentState() == null ? null : ShipmentState.findEnum(record.getShipmentState()))
                .inventoryMode(InventoryMode.NONE)
                .origin(CartOrigin.MERCHANT)
                .country(country)
                .completedAt(Instant.ofEpochMilli(record.getSaleDateMs()).atZone(ZoneOffset.UTC))
                .paymentInfo(PaymentInfo.builder().payments(paymentIds.stream()
                        .map(id -> PaymentReference.builder().id(id).build()).toList()).build())
                .custom(CustomFieldsDraft.builder().type(TypeResourceIdentifier.builder().id(typeId).build())
                        .fields(FieldContainer.builder().values(OrderFields.values(record)).build()).build());
        if (customerId != null) {
            draft.customerId(customerId);
        }
        if (record.getCustomerEmail() != null) {
            draft.customerEmail(record.getCustomerEmail());
        }
        return draft.build();
    }

    /** Vend's figures summed the way the draft lays them out: the net the lines of the draft add up to. */
    public static long linesNet(final OrderImportDraft draft) {
        long net = 0;
        for (final LineItemImportDraft line : draft.getLineItems()) {
            net += line.getQuantity() * line.getPrice().getValue().getCentAmount();
        }
        for (final CustomLineItemImportDraft line : draft.getCustomLineItems()) {
            net += line.getQuantity() * line.getMoney().getCentAmount();
        }
        return net;
    }

    private static CustomLineItemImportDraft custom(final String slug, final String name, final long net, final String currency,
                                                    final TaxRate rate) {
        return CustomLineItemImportDraft.builder().name(LocalizedString.ofEnglish(name)).key(slug).slug(slug).quantity(1L)
                .money(money(currency, net)).taxRate(rate).build();
    }

    private static String slug(final String kind, final String key) {
        return (kind + "-" + key).toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9_-]", "-");
    }

    private static TaxRate rate(final OrderTax tax, final String country) {
        return TaxRate.builder().name(tax.getName()).amount(Double.parseDouble(tax.getRate())).includedInPrice(false).country(country).build();
    }

    private static Money money(final String currency, final long minor) {
        return Money.builder().currencyCode(currency).centAmount(minor).build();
    }
}
