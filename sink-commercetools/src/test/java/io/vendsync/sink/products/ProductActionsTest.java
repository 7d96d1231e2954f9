package io.vendsync.sink.products;

import static io.vendsync.sink.products.ProductWriterTest.family;
import static io.vendsync.sink.products.ProductWriterTest.variant;
import static org.assertj.core.api.Assertions.assertThat;

import com.commercetools.api.models.common.LocalizedString;
import com.commercetools.api.models.product.Attribute;
import com.commercetools.api.models.product.ProductAddVariantAction;
import com.commercetools.api.models.product.ProductData;
import com.commercetools.api.models.product.ProductSetSkuAction;
import com.commercetools.api.models.product.ProductUpdateAction;
import com.commercetools.api.models.product.ProductVariant;
import io.vendsync.schemas.canonical.v1.Product;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ProductActionsTest {

    private static final Set<String> SIZE_AND_COLOUR = Set.of("size", "colour");
    private final ProductActions actions = new ProductActions("en");

    private static ProductVariant ctVariant(final long id, final String sku, final String key, final String size) {
        return ProductVariant.builder().id(id).sku(sku).key(key)
                .attributes(Attribute.builder().name("size").value(size).build(), Attribute.builder().name("colour").value("Red").build())
                .buildUnchecked();
    }

    private static ProductData staged(final String name, final ProductVariant master, final ProductVariant... variants) {
        return ProductData.builder().name(LocalizedString.ofEnglish(name)).slug(LocalizedString.ofEnglish("classictee"))
                .description(LocalizedString.ofEnglish("Soft cotton tee")).masterVariant(master).variants(List.of(variants))
                .buildUnchecked();
    }

    private static Product tees() {
        return family("vend-family-f1", null, 10, List.of(variant("p1", "TEE-S", "size", "S", "colour", "Red"),
                variant("p2", "TEE-M", "size", "M", "colour", "Red")));
    }

    @Test
    void shouldBuildNoActionsWhenTheStagedDataAlreadyMatches() {
        final ProductData data = staged("Classic Tee", ctVariant(1, "TEE-S", "vend-p1", "S"), ctVariant(2, "TEE-M", "vend-p2", "M"));
        assertThat(actions.diff(tees(), data, true, SIZE_AND_COLOUR, "gtin", "tax-1", "tax-1")).isEmpty();
    }

    @Test
    void shouldNeverRenameOrRetaxAProductOfAnotherType() {
        final ProductData data = staged("Merchant Shirt", ctVariant(1, "TEE-S", "vend-p1", "S"), ctVariant(2, "TEE-M", "vend-p2", "M"));
        assertThat(actions.diff(tees(), data, false, SIZE_AND_COLOUR, "gtin", "their-tax", "tax-1")).isEmpty();
        assertThat(actions.diff(tees(), data, true, SIZE_AND_COLOUR, "gtin", "their-tax", "tax-1"))
                .extracting(ProductUpdateAction::getAction).containsExactly("changeName", "setTaxCategory");
    }

    @Test
    void shouldKeepTheVariantOfASkuChangedInVendBySettingItsSku() {
        final ProductData data = staged("Classic Tee", ctVariant(1, "TEE-S", "vend-p1", "S"), ctVariant(2, "OLD-M", "vend-p2", "M"));
        final List<ProductUpdateAction> diff = actions.diff(tees(), data, true, SIZE_AND_COLOUR, "gtin", "tax-1", "tax-1");
        assertThat(diff).singleElement().isInstanceOfSatisfying(ProductSetSkuAction.class, a -> {
            assertThat(a.getVariantId()).isEqualTo(2L);
            assertThat(a.getSku()).isEqualTo("TEE-M");
        });
        assertThat(ProductActions.newSkus(tees(), data)).containsExactly("TEE-M");
    }

    @Test
    void shouldAddMissingVariantsAndNeverRemoveOnes() {
        final ProductData data = staged("Classic Tee", ctVariant(1, "TEE-S", "vend-p1", "S"), ctVariant(3, "TEE-XL", "x", "XL"));
        final List<ProductUpdateAction> diff = actions.diff(tees(), data, true, SIZE_AND_COLOUR, "gtin", "tax-1", "tax-1");
        assertThat(diff).singleElement().isInstanceOfSatisfying(ProductAddVariantAction.class, a -> {
            assertThat(a.getSku()).isEqualTo("TEE-M");
            assertThat(a.getKey()).isEqualTo("vend-p2");
            assertThat(a.getStaged()).isTrue();
        });
    }
}
