package io.vendsync.runtime.logging;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class PayloadMaskerTest {

    private final PayloadMasker masker = new PayloadMasker(List.of("email", " Phone ", "last_name"));

    @Test
    void shouldMaskConfiguredFieldsAtAnyDepthAndKeepTheRest() {
        final String masked = masker.mask("{\"data\":[{\"id\":\"c1\",\"email\":\"jane@example.com\",\"PHONE\":\"+64 9 555\","
                + "\"address\":{\"last_name\":\"Doe\",\"city\":\"Auckland\"},\"note\":null}],\"version\":{\"max\":3}}");
        assertThat(masked)
                .doesNotContain("jane@example.com").doesNotContain("+64 9 555").doesNotContain("Doe")
                .contains("\"email\":\"***\"").contains("\"PHONE\":\"***\"").contains("\"last_name\":\"***\"")
                .contains("\"id\":\"c1\"").contains("\"city\":\"Auckland\"").contains("\"max\":3");
    }

    /** A Vend customer's deprecated full name (2.0 Customer "name") is personal; a product's or outlet's name is not. */
    @Test
    void shouldMaskAFieldOnlyInObjectsThatHaveTheNamedSibling() {
        final PayloadMasker byContext = new PayloadMasker(List.of("name@customer_code", "email"));
        final String masked = byContext.mask("{\"data\":[{\"id\":\"c1\",\"customer_code\":\"Tony-N4ZJ\",\"name\":\"Anthony Stark\"},"
                + "{\"id\":\"p1\",\"name\":\"Post Shave Balm\",\"sku\":\"10107\"}]}");
        assertThat(masked).doesNotContain("Anthony Stark").contains("\"name\":\"***\"").contains("\"name\":\"Post Shave Balm\"");
        assertThat(byContext.masksAnything()).isTrue();
        assertThat(new PayloadMasker(List.of("name@customer_code")).mask("not json")).doesNotContain("not json");
    }

    @Test
    void shouldWithholdNonJsonBodiesWhenMaskingIsOn() {
        assertThat(masker.mask("email=jane@example.com")).doesNotContain("jane").contains("22 characters");
    }

    @Test
    void shouldWithholdAJsonStringThatHoldsARecordEncodedTwice() {
        // A double-encoded Vend record: one JSON string whose text is the record; its fields are no fields here.
        final String twice = "\"{\\\"id\\\":\\\"c1\\\",\\\"email\\\":\\\"jane@example.com\\\"}\"";
        assertThat(masker.mask(twice)).doesNotContain("jane").contains("withheld");
    }

    @Test
    void shouldLeaveBodiesAloneWhenNothingIsConfigured() {
        final String body = "{\"email\":\"jane@example.com\"}";
        assertThat(PayloadMasker.none().mask(body)).isEqualTo(body);
        assertThat(PayloadMasker.none().mask("not json")).isEqualTo("not json");
        assertThat(masker.mask(null)).isNull();
    }
}
