package io.vendsync.mapper.products;

import io.vendsync.mapper.vend.ProductOutletTaxes;

/** Everything one family's product record is decided from: its members, its parent's outlet taxes and the live outlets. */
public record FamilyInput(Family family, ProductOutletTaxes parentTaxes, LiveOutlets outlets) {

    public FamilyInput withOutlets(final LiveOutlets live) {
        return new FamilyInput(family, parentTaxes, live);
    }
}
