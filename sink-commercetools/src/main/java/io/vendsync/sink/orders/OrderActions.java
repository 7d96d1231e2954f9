package io.vendsync.sink.orders;

import com.commercetools.api.models.order.Order;
import com.commercetools.api.models.order.OrderAddPaymentAction;
import com.commercetools.api.models.order.OrderChangeOrderStateAction;
import com.commercetools.api.models.order.OrderChangePaymentStateAction;
import com.commercetools.api.models.order.OrderChangeShipmentStateAction;
import com.commercetools.api.models.order.OrderSetCustomFieldAction;
import com.commercetools.api.models.order.OrderSetCustomerEmailAction;
import com.commercetools.api.models.order.OrderSetCustomerIdAction;
import com.commercetools.api.models.order.OrderState;
import com.commercetools.api.models.order.OrderUpdateAction;
import com.commercetools.api.models.order.PaymentState;
import com.commercetools.api.models.order.ShipmentState;
import com.commercetools.api.models.payment.PaymentReference;
import com.commercetools.api.models.payment.PaymentResourceIdentifier;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The update actions that bring an imported order to a later version of its sale, pure: order state (a layby closed, a
 * sale voided), payment state, the payments not yet on the order (a payment made later, or one the import did not
 * keep), the buyer the order lacks (its customer, else its email) and vendsync's fields (the sale's version and status).
 * Lines and totals are never rewritten: what was sold is
 * history, and returns (issue 13) are recorded as return info, not as edits.
 */
public final class OrderActions {

    private OrderActions() {
    }

    public static List<OrderUpdateAction> diff(final Order current, final io.vendsync.schemas.canonical.v1.Order desired,
                                               final List<String> paymentIds, final String buyerId) {
        return diff(current, desired, paymentIds, buyerId, false);
    }

    /**
     * @param buyerChanged Vend moved the sale to another customer since the order was written (Lightspeed's customer
     *                     merge reassigns a duplicate's sales, then deletes it): {@code buyerId} (null: that customer has
     *                     no commercetools customer) and the record's email replace the order's
     */
    public static List<OrderUpdateAction> diff(final Order current, final io.vendsync.schemas.canonical.v1.Order desired,
                                               final List<String> paymentIds, final String buyerId, final boolean buyerChanged) {
        final List<OrderUpdateAction> actions = new ArrayList<>();
        if (buyerChanged) {
            if (!Objects.equals(current.getCustomerId(), buyerId)) {
                actions.add(OrderSetCustomerIdAction.builder().customerId(buyerId).build());
            }
            if (!Objects.equals(current.getCustomerEmail(), desired.getCustomerEmail())) {
                actions.add(OrderSetCustomerEmailAction.builder().email(desired.getCustomerEmail()).build());
            }
        } else {
            // The buyer, once known: an order imported before its customer existed (or before the customer mapping gave
            // its email, the two travel different paths) is linked later, and carries the buyer's email whether linked
            // or not. Otherwise a buyer already on the order is never changed.
            if (current.getCustomerId() == null && buyerId != null) {
                actions.add(OrderSetCustomerIdAction.builder().customerId(buyerId).build());
            }
            if (desired.getCustomerEmail() != null && current.getCustomerEmail() == null) {
                actions.add(OrderSetCustomerEmailAction.builder().email(desired.getCustomerEmail()).build());
            }
        }
        final OrderState orderState = OrderState.findEnum(desired.getOrderState());
        if (!Objects.equals(orderState, current.getOrderState())) {
            actions.add(OrderChangeOrderStateAction.builder().orderState(orderState).build());
        }
        // A void leaves the payment state as the sale left it: Vend deletes a voided sale's payments, which would read as
        // a balance due; the refunds on the payments say where the money went.
        final PaymentState paymentState = PaymentState.findEnum(desired.getPaymentState());
        if (orderState != OrderState.CANCELLED && !Objects.equals(paymentState, current.getPaymentState())) {
            actions.add(OrderChangePaymentStateAction.builder().paymentState(paymentState).build());
        }
        final ShipmentState shipmentState = desired.getShipmentState() == null ? null : ShipmentState.findEnum(desired.getShipmentState());
        if (shipmentState != null && !Objects.equals(shipmentState, current.getShipmentState())) {
            actions.add(OrderChangeShipmentStateAction.builder().shipmentState(shipmentState).build());
        }
        final Set<String> linked = new HashSet<>(paymentIdsOf(current));
        for (final String paymentId : paymentIds) {
            if (linked.add(paymentId)) {
                actions.add(OrderAddPaymentAction.builder().payment(PaymentResourceIdentifier.builder().id(paymentId).build()).build());
            }
        }
        final Map<String, Object> fields = current.getCustom() == null || current.getCustom().getFields() == null ? Map.of()
                : current.getCustom().getFields().values();
        final Map<String, Object> values = OrderFields.values(desired);
        values.forEach((name, value) -> {
            if (!same(fields.get(name), value)) {
                actions.add(OrderSetCustomFieldAction.builder().name(name).value(value).build());
            }
        });
        if (desired.getSourceVersion() > sourceVersion(current)) {
            // What a newer version of the sale no longer has goes from the order too (no value removes a field): a note
            // cleared in Vend, the customer taken off the sale (else putting them back would read as no change of buyer).
            fields.keySet().stream().filter(name -> OrderFields.owned(name) && !values.containsKey(name)).sorted()
                    .forEach(name -> actions.add(OrderSetCustomFieldAction.builder().name(name).build()));
        }
        return actions;
    }

    /** The ids of the payments on the order. */
    public static List<String> paymentIdsOf(final Order order) {
        return order.getPaymentInfo() == null || order.getPaymentInfo().getPayments() == null ? List.of()
                : order.getPaymentInfo().getPayments().stream().map(PaymentReference::getId).filter(Objects::nonNull).toList();
    }

    /** The Vend sale version the order was last written from, or -1 when it carries none. */
    public static long sourceVersion(final Order order) {
        final Object value = order.getCustom() == null || order.getCustom().getFields() == null ? null
                : order.getCustom().getFields().values().get(OrderFields.SOURCE_VERSION);
        return value instanceof Number number ? number.longValue() : -1L;
    }

    /** The Vend customer id on the order (its buyer in Vend when it was last written), or null. */
    public static String vendCustomerId(final Order order) {
        final Object value = order.getCustom() == null || order.getCustom().getFields() == null ? null
                : order.getCustom().getFields().values().get(OrderFields.CUSTOMER_ID);
        return value == null ? null : value.toString();
    }

    /** The Vend sale id on the order, or null. */
    public static String saleId(final Order order) {
        final Object value = order.getCustom() == null || order.getCustom().getFields() == null ? null
                : order.getCustom().getFields().values().get(OrderFields.SALE_ID);
        return value == null ? null : value.toString();
    }

    /** Numbers come back from JSON as Integer, Long or Double. */
    private static boolean same(final Object current, final Object desired) {
        if (current instanceof Number a && desired instanceof Number b) {
            return a.doubleValue() == b.doubleValue();
        }
        return Objects.equals(current, desired);
    }
}
