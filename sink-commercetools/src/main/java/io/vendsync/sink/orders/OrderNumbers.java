package io.vendsync.sink.orders;

/**
 * The number of a sale's order when another Vend sale's order already holds the one the mapper gave it: Vend's
 * registers can share invoice numbers (a register open on two devices, registers without their own prefix), and a
 * commercetools order number is unique, so the later sale's order takes {@code <number>-<Vend sale id>} rather than
 * being refused. Reconcile looks orders up by the same rule.
 */
public final class OrderNumbers {

    private OrderNumbers() {
    }

    public static String whenTaken(final String orderNumber, final String saleId) {
        return orderNumber + "-" + saleId;
    }
}
