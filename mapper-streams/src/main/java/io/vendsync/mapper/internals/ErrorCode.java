package io.vendsync.mapper.internals;

/** The stable {@code code} values of the validation errors the mapper publishes; dashboards and alerts match on them. */
public enum ErrorCode {
    /** No product record for the inventory's product_id yet; flows by itself once the product arrives. */
    PRODUCT_UNKNOWN,
    /** The product is deleted in Vend. */
    PRODUCT_DELETED,
    /**
     * The product has has_inventory=false (no stock to publish), or Vend's own record of a composite whose online stock is
     * the one derived from its bill of materials instead.
     */
    INVENTORY_NOT_TRACKED,
    /** The product has no SKU, or a blank one; the canonical key needs one. */
    SKU_MISSING,
    /** No explicit or derived channel for the outlet yet; flows by itself once the outlet or an override arrives. */
    OUTLET_UNMAPPED,
    /** A raw record that is not a readable Vend object (not JSON, required field missing, id mismatch). */
    PAYLOAD_INVALID,
    /**
     * An operator override the mapper refuses and ignores: an outlet channel key commercetools would refuse (the
     * derived mapping applies), or a product SKU override that is blank, has whitespace or names another product
     * (the Vend SKU applies).
     */
    OVERRIDE_INVALID,
    /** A Vend SKU with whitespace before, after or inside it; the trimmed SKU is used, the fix is suggested. Keyed by product id. */
    SKU_WHITESPACE,
    /**
     * Two or more live Vend products resolve to one SKU. Reported once per SKU (keyed by the SKU, entity products)
     * and for each inventory record of those products, whose stock is withheld until the SKUs differ again.
     */
    SKU_DUPLICATE,
    /** A GTIN-type product code (EAN, UPC, ISBN, JAN, ITF) that is not a valid GTIN; the code is ignored. Keyed by product id. */
    GTIN_INVALID,
    /** Two or more live Vend products carry one GTIN (compared as GTIN-14). Keyed by the GTIN-14; stock still flows. */
    GTIN_DUPLICATE,
    /**
     * The Vend SKU is reported by two or more commercetools variants (candidates: {@code <product id>/<variant id>}).
     * Keyed by the Vend product id, and for each of its inventory records, whose stock is withheld.
     */
    CT_SKU_AMBIGUOUS,
    /**
     * No commercetools variant has the Vend SKU and the product's GTINs are carried by two or more commercetools variants
     * (candidates: their SKUs). Keyed by the Vend product id, and per inventory record, whose stock is withheld.
     */
    CT_GTIN_AMBIGUOUS,
    /**
     * Under {@code catalog.match.policy=match-only}: the product matches no commercetools variant by SKU or GTIN, so it
     * must not be created; its stock is withheld. Flows by itself once a variant matches. Never reported under create.
     */
    CT_NO_MATCH,
    /**
     * The live variants of one Vend family matched variants of two or more different commercetools products (candidates:
     * {@code <product id> (<product key>)}). The family is not published until they agree. Keyed by the Vend family id.
     */
    FAMILY_SPLIT,
    /**
     * Two or more variants of one Vend family have the same option values (after the attribute-name rule); commercetools
     * could not tell them apart. They are left out of the product until they differ. Keyed by the Vend family id.
     */
    VARIANT_OPTIONS_DUPLICATE,
    /**
     * The family's parent product uses different Vend taxes at different live outlets (candidates: the tax ids); one
     * commercetools product has one tax category, so none is set. Keyed by the Vend family id.
     */
    TAX_AMBIGUOUS,
    /**
     * A live product has no price in a market it must be sold in ({@code prices.markets}, default: the markets of the live
     * outlets): no Vend price, no tax to compute the tax-inclusive amount, or the market price was withheld by a conflict.
     * Keyed by the Vend product id; candidates: the market's outlets.
     */
    PRICE_MISSING,
    /**
     * Two price sources (the retail price, price books) give one scope (currency, country, channel, customer group)
     * different amounts over overlapping validity. Both are left out of the canonical record, never written silently.
     * Keyed by the Vend product id; candidates: the sources ('retail' or the price book ids).
     */
    PRICE_CONFLICT,
    /** A configured market, or a price book, whose currency no live outlet uses. Keyed by the market or the price book id. */
    PRICE_CURRENCY_UNUSED,
    /**
     * A product has price book entries of a price book vendsync has not read, after waiting ten context re-checks for it
     * (one it refused is reported as PAYLOAD_INVALID): their prices are not written. Keyed by the Vend product id;
     * candidates: the price book ids.
     */
    PRICE_BOOK_UNKNOWN,
    /**
     * A product is priced at an outlet whose tax is unknown or deleted, so there is no tax category rate for that country (and
     * no tax-inclusive amount). Keyed by the Vend product id; candidates: the tax ids (or 'none') and outlets.
     */
    TAX_CATEGORY_MISSING,
    /**
     * Outlets of one country disagree on display_prices (inclusive/exclusive) for a tax; the tax category rate of that country
     * takes the majority (tie: inclusive). Keyed by the Vend tax id; candidates: the outlets of the country.
     */
    TAX_DISPLAY_CONFLICT,
    /**
     * A live Vend customer without an email (commercetools requires one). Under customer.email.missing.policy=withhold it is
     * not published; under placeholder it is published with a placeholder email. Keyed by the Vend customer id.
     */
    CUSTOMER_EMAIL_MISSING,
    /** A live Vend customer whose email commercetools could not sign in with (no '@', whitespace); withheld. Keyed by the Vend customer id. */
    CUSTOMER_EMAIL_INVALID,
    /**
     * Two or more live Vend customers share one email (trimmed, case-folded); candidates: their ids, oldest first. Under
     * customer.email.duplicate.policy=oldest-owns the oldest is published and each other one is reported and withheld; under
     * withhold-all every one is. Keyed by the Vend customer id of the one reported.
     */
    CUSTOMER_EMAIL_DUPLICATE,
    /**
     * A sale whose lines, adjustments or tax amounts do not add up to Vend's own totals (to the minor unit): no order is
     * published, rather than one with totals Vend does not have. Keyed by the Vend sale id; payload: the figures.
     */
    ORDER_TOTALS_MISMATCH,
    /** A sale names a Vend tax or tax rate the mapper has not seen (yet); the order waits for it. Keyed by the sale id. */
    ORDER_TAX_UNKNOWN,
    /** The outlet of a sale is unknown or has no currency; the order waits for the outlet. Keyed by the sale id. */
    ORDER_OUTLET_UNKNOWN,
    /**
     * A Vend return whose original sale vendsync has not read (sold before the sync started): nothing is published until
     * the original arrives (a backfill of sales, or the original's own next version). Keyed by the return's sale id.
     */
    RETURN_ORIGINAL_UNKNOWN,
    /** A Vend return that returns more units of a product than its sale sold, after the earlier returns. Keyed by the return's sale id. */
    RETURN_EXCEEDS_SALE
}
