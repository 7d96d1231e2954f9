package io.vendsync.mapper.internals;

import static org.assertj.core.api.Assertions.assertThat;

import io.vendsync.mapper.identity.SkuSource;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProductStateTest {

    private static ProductState live(final List<String> claimants) {
        return new ProductState("TEE-1", false, true, 7, claimants, SkuSource.VEND_SKU, null, false, null, false, List.of());
    }

    @Test
    void shouldNotCountClaimsAsKnownBeforeTheProductsOwnClaimCameBack() {
        // The foreign-key join answered before the product's claim reached the SKU's claimants: "nobody" is not the truth.
        assertThat(live(List.of()).claimsCounted("a")).isFalse();
        // Another product's claim is there, but not this one's: the duplicate is not known for what it is yet.
        assertThat(live(List.of("b")).claimsCounted("a")).isFalse();
    }

    @Test
    void shouldCountClaimsAsKnownOnceTheyIncludeTheProductItself() {
        assertThat(live(List.of("a")).claimsCounted("a")).isTrue();
        assertThat(live(List.of("a", "b")).claimsCounted("a")).isTrue();
    }

    @Test
    void shouldNotWaitForClaimsOfAProductThatClaimsNoSku() {
        final ProductState deleted = new ProductState("TEE-1", true, true, 7, List.of(), SkuSource.VEND_SKU, null, false, null, false, List.of());
        final ProductState withoutSku = new ProductState(null, false, true, 7, List.of(), null, null, false, null, false, List.of());
        final ProductState withheld = new ProductState("TEE-1", false, true, 7, List.of(), SkuSource.VEND_SKU,
                new CatalogConflict(ErrorCode.CT_SKU_AMBIGUOUS, "two variants", "fix", List.of("x", "y")), false, null, false, List.of());
        final ProductState inactive = new ProductState("TEE-1", false, true, 7, List.of(), SkuSource.VEND_SKU, null, false, null, true, List.of());
        assertThat(inactive.claimsCounted("a")).as("an inactive product's claim is counted among the inactive ones").isFalse();
        assertThat(new ProductState("TEE-1", false, true, 7, List.of(), SkuSource.VEND_SKU, null, false, null, true, List.of("a"))
                .claimsCounted("a")).isTrue();
        assertThat(deleted.claimsCounted("a")).isTrue();
        assertThat(withheld.claimsCounted("a")).isTrue();
        assertThat(withoutSku.claimsCounted("a")).isTrue();
    }
}
