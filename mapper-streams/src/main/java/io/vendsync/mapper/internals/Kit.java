package io.vendsync.mapper.internals;

import java.util.List;

/**
 * What the mapper knows of a composite product (a kit); a product that is not a composite has none (null).
 * Its online stock is derived from its bill of materials when that is {@link #BOM_KNOWN}.
 */
public enum Kit {
    /** Vend sent its bill of materials: the stock is derived from the components' stock. */
    BOM_KNOWN,
    /**
     * A composite whose bill of materials Vend did not send (the plain 2.0 product list has none): its stock cannot be
     * derived, so the level Vend reports for it is published.
     */
    BOM_UNKNOWN;

    /** Null for a product that is not a composite. */
    public static Kit of(final boolean composite, final List<BomLine> bom) {
        if (!composite) {
            return null;
        }
        return bom == null ? BOM_UNKNOWN : BOM_KNOWN;
    }
}
