package io.vendsync.mapper.vend;

/**
 * Vend gift cards in orders. A card number is a bearer credential: it is never put anywhere in clear (records, errors,
 * logs), only masked to its last four characters.
 */
public final class GiftCards {

    /** Vend's global payment type_id of the gift card payment option (reference 5.6: Gift Card = 118). */
    public static final String PAYMENT_TYPE_ID = "118";
    /** The payment method of a payment by gift card, as commercetools' gift card template names it. */
    public static final String METHOD = "giftcard";

    private GiftCards() {
    }

    /** {@code ****1234}: the last four characters, the rest starred (all of it starred when four or fewer); idempotent. */
    public static String mask(final String number) {
        if (number == null) {
            return null;
        }
        final String trimmed = number.strip();
        if (trimmed.startsWith("****")) {
            return trimmed;
        }
        return trimmed.length() <= 4 ? "****" : "****" + trimmed.substring(trimmed.length() - 4);
    }
}
