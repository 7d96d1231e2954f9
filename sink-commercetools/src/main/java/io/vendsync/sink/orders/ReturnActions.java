package io.vendsync.sink.orders;

import com.commercetools.api.models.cart.LineItem;
import com.commercetools.api.models.order.LineItemReturnItem;
import com.commercetools.api.models.order.Order;
import com.commercetools.api.models.order.OrderAddPaymentAction;
import com.commercetools.api.models.order.OrderAddReturnInfoAction;
import com.commercetools.api.models.order.OrderUpdateAction;
import com.commercetools.api.models.order.ReturnInfo;
import com.commercetools.api.models.order.ReturnItem;
import com.commercetools.api.models.order.ReturnItemDraft;
import com.commercetools.api.models.order.ReturnShipmentState;
import com.commercetools.api.models.payment.PaymentResourceIdentifier;
import io.vendsync.schemas.canonical.v1.OrderLine;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The update actions that mirror a Vend return onto its original's order, pure. The return info is added once: it
 * carries {@code returnTrackingId} {@value #TRACKING_PREFIX}{@code <return sale id>}, and an order that has it already
 * gets none (a replay, a duplicate, a retry). Its items are the returned lines by SKU: each takes the order's line items
 * of that SKU, or of the variant that carries the SKU now (the product's SKU changed in Vend since the sale, and vendsync
 * moved the variant's SKU with it; a line item keeps the SKU it was sold with), that still have units not returned by
 * earlier returns; shipment state {@code Returned} (Vend puts the
 * goods back in stock as it completes the return). The refund payments of another method than the sale's are linked.
 * Lines, totals and payment state are not touched: what was sold stays history, and the order's own writer owns its
 * payment state.
 */
public final class ReturnActions {

    public static final String TRACKING_PREFIX = "vend-return-";

    private ReturnActions() {
    }

    /** Thrown when the order has fewer units of a SKU left to return than the return returns (Vend's data says otherwise). */
    public static final class ReturnExceedsOrderException extends IllegalStateException {
        ReturnExceedsOrderException(final String message) {
            super(message);
        }
    }

    public static String trackingId(final io.vendsync.schemas.canonical.v1.Order ret) {
        return TRACKING_PREFIX + ret.getSaleId();
    }

    /** The commercetools variant that carries a SKU now. */
    public record Variant(String productId, long variantId) {
    }

    public static List<OrderUpdateAction> diff(final Order order, final io.vendsync.schemas.canonical.v1.Order ret,
                                               final List<String> paymentIdsToLink) {
        return diff(order, ret, paymentIdsToLink, Map.of());
    }

    /**
     * @param variantsBySku for the return's SKUs no line item of the order was sold with, the variant carrying each now
     */
    public static List<OrderUpdateAction> diff(final Order order, final io.vendsync.schemas.canonical.v1.Order ret,
                                               final List<String> paymentIdsToLink, final Map<String, Variant> variantsBySku) {
        final List<OrderUpdateAction> actions = new ArrayList<>();
        if (!hasReturn(order, trackingId(ret))) {
            final List<ReturnItemDraft> items = items(order, ret, variantsBySku);
            if (!items.isEmpty()) {
                actions.add(OrderAddReturnInfoAction.builder().items(items).returnTrackingId(trackingId(ret))
                        .returnDate(Instant.ofEpochMilli(ret.getSaleDateMs()).atZone(ZoneOffset.UTC)).build());
            }
        }
        final Set<String> linked = new HashSet<>(OrderActions.paymentIdsOf(order));
        for (final String paymentId : paymentIdsToLink) {
            if (linked.add(paymentId)) {
                actions.add(OrderAddPaymentAction.builder().payment(PaymentResourceIdentifier.builder().id(paymentId).build()).build());
            }
        }
        return actions;
    }

    /**
     * Whether the order sold {@code sku} only as the custom line {@link OrderDraftBuilder} makes of a product deleted or
     * inactive in Vend that commercetools had no variant of (decided by the order, so an undelete since changes nothing).
     */
    static boolean soldAsCustomLine(final Order order, final String sku) {
        return order.getLineItems().stream().noneMatch(sold -> sold.getVariant() != null && sku.equals(sold.getVariant().getSku()))
                && order.getCustomLineItems().stream().anyMatch(custom -> OrderDraftBuilder.isOffSaleProductLine(custom, sku));
    }

    /**
     * Throws {@link ReturnExceedsOrderException} when the return cannot be mirrored onto {@code order}: checked before
     * any refund is written, so a return refused for good leaves no refund behind.
     */
    static void checkReturnable(final Order order, final io.vendsync.schemas.canonical.v1.Order ret,
                                final Map<String, Variant> variantsBySku) {
        if (!hasReturn(order, trackingId(ret))) {
            items(order, ret, variantsBySku);
        }
    }

    /** The return's SKUs that no line item of the order was sold with (and no off-sale custom line), in order. */
    static List<String> skusNotSold(final Order order, final io.vendsync.schemas.canonical.v1.Order ret) {
        return ret.getLines().stream().map(OrderLine::getSku).distinct()
                .filter(sku -> order.getLineItems().stream().noneMatch(sold -> sold.getVariant() != null && sku.equals(sold.getVariant().getSku())))
                .filter(sku -> !soldAsCustomLine(order, sku))
                .toList();
    }

    private static boolean soldAs(final LineItem sold, final String sku, final Variant now) {
        if (sold.getVariant() == null) {
            return false;
        }
        return sku.equals(sold.getVariant().getSku())
                || now != null && now.productId().equals(sold.getProductId()) && sold.getVariant().getId() != null
                && now.variantId() == sold.getVariant().getId();
    }

    static boolean hasReturn(final Order order, final String trackingId) {
        return order.getReturnInfo() != null && order.getReturnInfo().stream().anyMatch(info -> trackingId.equals(info.getReturnTrackingId()));
    }

    private static List<ReturnItemDraft> items(final Order order, final io.vendsync.schemas.canonical.v1.Order ret,
                                               final Map<String, Variant> variantsBySku) {
        final Map<String, Long> returned = new HashMap<>();
        for (final ReturnInfo info : order.getReturnInfo() == null ? List.<ReturnInfo>of() : order.getReturnInfo()) {
            for (final ReturnItem item : info.getItems()) {
                if (item instanceof LineItemReturnItem line) {
                    returned.merge(line.getLineItemId(), item.getQuantity(), Long::sum);
                }
            }
        }
        final List<ReturnItemDraft> items = new ArrayList<>();
        for (final OrderLine line : ret.getLines()) {
            if (soldAsCustomLine(order, line.getSku())) {
                continue; // the product was deleted or inactive in Vend before commercetools had it: no line item to return
            }
            long left = Math.abs(line.getQuantity());
            for (final LineItem sold : order.getLineItems()) {
                if (left == 0 || !soldAs(sold, line.getSku(), variantsBySku.get(line.getSku()))) {
                    continue;
                }
                final long free = sold.getQuantity() - returned.getOrDefault(sold.getId(), 0L);
                final long take = Math.min(free, left);
                if (take > 0) {
                    items.add(ReturnItemDraft.builder().lineItemId(sold.getId()).quantity(take).shipmentState(ReturnShipmentState.RETURNED)
                            .comment("Vend return " + (ret.getInvoiceNumber() == null ? ret.getSaleId() : ret.getInvoiceNumber())
                                    + " (sale " + ret.getSaleId() + "), line " + line.getLineId()).build());
                    returned.merge(sold.getId(), take, Long::sum);
                    left -= take;
                }
            }
            if (left > 0) {
                throw new ReturnExceedsOrderException("Vend return " + ret.getSaleId() + " returns " + Math.abs(line.getQuantity()) + " x "
                        + line.getSku() + ", but order " + order.getOrderNumber() + " has only " + (Math.abs(line.getQuantity()) - left)
                        + " of them left to return");
            }
        }
        return items;
    }
}
