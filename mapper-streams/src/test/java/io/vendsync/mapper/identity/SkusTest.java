package io.vendsync.mapper.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Locale;
import org.junit.jupiter.api.Test;

class SkusTest {

    private final Skus preserve = new Skus(SkuCase.PRESERVE);

    @Test
    void shouldKeepCleanSkuAsIsAndReportNothing() {
        final Sku sku = preserve.normalise("Tee-10001");
        assertThat(sku.value()).isEqualTo("Tee-10001");
        assertThat(sku.hasWhitespace()).isFalse();
        assertThat(sku.suggestion()).isNull();
    }

    @Test
    void shouldTrimAndSuggestTrimmedSku() {
        final Sku sku = preserve.normalise("  10001\t");
        assertThat(sku.value()).isEqualTo("10001");
        assertThat(sku.hasWhitespace()).isTrue();
        assertThat(sku.isPadded()).isTrue();
        assertThat(sku.suggestion()).isEqualTo("10001");
    }

    @Test
    void shouldTreatNoBreakSpaceAsWhitespace() {
        final Sku sku = preserve.normalise("\u00a010001\u202f");
        assertThat(sku.value()).isEqualTo("10001");
        assertThat(sku.suggestion()).isEqualTo("10001");
    }

    @Test
    void shouldReportInnerWhitespaceAndSuggestDashes() {
        final Sku sku = preserve.normalise(" TEE  L\u00a0GRN");
        assertThat(sku.value()).isEqualTo("TEE  L\u00a0GRN"); // used as is, only reported
        assertThat(sku.hasWhitespace()).isTrue();
        assertThat(sku.suggestion()).isEqualTo("TEE-L-GRN");
    }

    @Test
    void shouldReadBlankOrNullSkuAsMissingWithoutWhitespaceReport() {
        assertThat(preserve.normalise(null).isMissing()).isTrue();
        final Sku blank = preserve.normalise(" \t ");
        assertThat(blank.isMissing()).isTrue();
        assertThat(blank.hasWhitespace()).isFalse();
    }

    @Test
    void shouldApplyCaseRuleAfterTrimmingWithRootLocale() {
        final Locale before = Locale.getDefault();
        Locale.setDefault(Locale.forLanguageTag("tr-TR"));
        try {
            assertThat(new Skus(SkuCase.UPPER).normalise(" tee-i ").value()).isEqualTo("TEE-I");
            assertThat(new Skus(SkuCase.LOWER).normalise("TEE-I").value()).isEqualTo("tee-i");
            assertThat(preserve.normalise("Tee-i").value()).isEqualTo("Tee-i");
        } finally {
            Locale.setDefault(before);
        }
    }

    @Test
    void shouldParseSkuCaseCaseInsensitively() {
        assertThat(SkuCase.of("Upper")).isEqualTo(SkuCase.UPPER);
        assertThat(SkuCase.of(" lower ")).isEqualTo(SkuCase.LOWER);
        assertThatThrownBy(() -> SkuCase.of("title")).isInstanceOf(IllegalArgumentException.class);
    }
}
