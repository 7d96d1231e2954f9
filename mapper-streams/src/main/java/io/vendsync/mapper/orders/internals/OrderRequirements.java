package io.vendsync.mapper.orders.internals;

import io.vendsync.mapper.vend.InvalidPayloadException;
import io.vendsync.mapper.vend.VendTax;
import io.vendsync.mapper.vend.VendTaxRate;

/**
 * What orders need of a Vend record beyond what its parser demands; the order mapper reports a record that lacks it
 * ({@code PAYLOAD_INVALID}) while the other topologies go on with it.
 */
public final class OrderRequirements {

    private OrderRequirements() {
    }

    /** A sale's tax components name the rate they are of: every rate needs its id to be found. */
    public static void tax(final VendTax tax) throws InvalidPayloadException {
        for (final VendTaxRate rate : tax.rates()) {
            if (rate.id() == null) {
                throw new InvalidPayloadException("an entry of 'rates' has no 'id': " + rate);
            }
        }
    }
}
