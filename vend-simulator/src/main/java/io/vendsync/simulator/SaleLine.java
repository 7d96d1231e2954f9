package io.vendsync.simulator;

/** One line of a sale the simulator rings up: a product and how many (positive). */
public record SaleLine(String productId, int quantity) {

    public SaleLine {
        if (quantity < 1) {
            throw new IllegalArgumentException("quantity must be >= 1: " + quantity);
        }
    }
}
