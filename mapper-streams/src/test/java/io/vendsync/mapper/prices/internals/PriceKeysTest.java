package io.vendsync.mapper.prices.internals;

import static org.assertj.core.api.Assertions.assertThat;

import io.vendsync.mapper.prices.Market;
import org.junit.jupiter.api.Test;

class PriceKeysTest {

    @Test
    void shouldDeriveAKeyFromTheSourceAndScopeInCommercetoolsKeyCharacters() {
        assertThat(PriceKeys.of(null, new Market("NZD", "NZ"), null)).isEqualTo("retail-NZD-NZ");
        assertThat(PriceKeys.of("0242ac12-0002", new Market("AUD", null), "akl.store")).isEqualTo("pb-0242ac12-0002-AUD-ch-akl-store");
    }

    @Test
    void shouldCutAKeyLongerThanCommercetoolsAllowsAndKeepItUniqueWithAHash() {
        final String a = PriceKeys.of("book", new Market("NZD", "NZ"), "c".repeat(300));
        final String b = PriceKeys.of("book", new Market("NZD", "NZ"), "c".repeat(299) + "d");

        assertThat(a).hasSize(PriceKeys.MAX_LENGTH).matches("[A-Za-z0-9_-]+");
        assertThat(b).hasSize(PriceKeys.MAX_LENGTH).isNotEqualTo(a);
        assertThat(PriceKeys.of("book", new Market("NZD", "NZ"), "c".repeat(300))).isEqualTo(a);
    }
}
