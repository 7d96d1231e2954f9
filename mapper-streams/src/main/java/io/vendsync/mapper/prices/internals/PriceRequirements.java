package io.vendsync.mapper.prices.internals;

import io.vendsync.mapper.prices.PriceBookPlatform;
import io.vendsync.mapper.vend.InvalidPayloadException;
import io.vendsync.mapper.vend.VendOutlet;
import io.vendsync.mapper.vend.VendPriceBook;
import io.vendsync.mapper.vend.VendProduct;

/**
 * What pricing needs of a Vend record beyond what its parser demands; a record that lacks it is reported by the price
 * mapper ({@code PAYLOAD_INVALID}) while the other topologies go on with it (an outlet without a currency still has stock).
 */
public final class PriceRequirements {

    private PriceRequirements() {
    }

    /** A live outlet needs an ISO 4217 currency: its prices are in it. */
    public static void outlet(final VendOutlet outlet) throws InvalidPayloadException {
        if (!outlet.deleted() && (outlet.currency() == null || !outlet.currency().matches("[A-Z]{3}"))) {
            throw new InvalidPayloadException("outlet 'currency' is missing or not an ISO 4217 code: " + outlet.currency());
        }
    }

    /** The prices must be numbers. */
    public static void product(final VendProduct product) throws InvalidPayloadException {
        product.require("price_excluding_tax", "price_including_tax");
    }

    /** A platform restriction must be one pricing knows. */
    public static void priceBook(final VendPriceBook book) throws InvalidPayloadException {
        try {
            PriceBookPlatform.ofVendKey(book.platformKey());
        } catch (IllegalArgumentException e) {
            throw new InvalidPayloadException(e.getMessage(), e);
        }
    }
}
