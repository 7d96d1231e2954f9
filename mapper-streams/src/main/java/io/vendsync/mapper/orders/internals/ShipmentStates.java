package io.vendsync.mapper.orders.internals;

/**
 * The commercetools shipment state of a Vend sale's order, from the sale's status (docs {@code sales_states_and_attributes}):
 * a sale rung up at the till hands its goods over there ({@code Delivered}), as does one picked up or sold on account;
 * a dispatched one is {@code Shipped}; one awaiting pickup is {@code Ready}; one awaiting dispatch, a layby (goods held
 * until paid) or a service job is {@code Pending}. None for a void (its order keeps what it had) or a status Vend adds later.
 */
final class ShipmentStates {

    private ShipmentStates() {
    }

    static String of(final String vendStatus) {
        return switch (vendStatus) {
            case "CLOSED", "ONACCOUNT_CLOSED", "LAYBY_CLOSED", "SERVICE_CLOSED", "PICKED_UP_CLOSED", "ONACCOUNT" -> "Delivered";
            case "DISPATCHED_CLOSED" -> "Shipped";
            case "AWAITING_PICKUP" -> "Ready";
            case "AWAITING_DISPATCH", "LAYBY", "SERVICE", "OPEN" -> "Pending";
            default -> null;
        };
    }
}
