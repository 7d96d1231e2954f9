package io.vendsync.mapper.vend;

import static org.assertj.core.api.Assertions.assertThat;

import io.vendsync.mapper.internals.JsonSerde;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The read model's records live in state stores that were written, before it, by the topologies' own records: an upgrade
 * must read them as they meant, not as empty fields (a tax at 0 %, an inclusive outlet as exclusive).
 */
class VendRecordStateTest {

    private static <T> T read(final Class<T> type, final String json) {
        return new JsonSerde<>(type).deserializer().deserialize("state", json.getBytes(StandardCharsets.UTF_8));
    }

    private static <T> T roundTrip(final Class<T> type, final T value) {
        final JsonSerde<T> serde = new JsonSerde<>(type);
        return serde.deserializer().deserialize("state", serde.serializer().serialize("state", value));
    }

    @Test
    void shouldKeepThePriceMappersSummedTaxRateFromStateWrittenBeforeTheReadModel() {
        final VendTax tax = read(VendTax.class,
                "{\"id\":\"gst\",\"name\":\"GST\",\"rate\":0.15,\"isDefault\":true,\"deleted\":false,\"version\":7,\"tsMs\":9}");

        assertThat(tax.rate()).isEqualByComparingTo("0.15");
        assertThat(tax.label()).isEqualTo("GST");
        assertThat(tax.isDefault()).isTrue();
        assertThat(tax.version()).isEqualTo(7);
    }

    @Test
    void shouldKeepTheOrderMappersOutletFlagsFromStateWrittenBeforeTheReadModel() {
        final VendOutlet outlet = read(VendOutlet.class, "{\"id\":\"o1\",\"name\":\"Main\",\"currency\":\"NZD\","
                + "\"taxInclusive\":true,\"country\":\"NZ\",\"deleted\":false,\"version\":3}");

        assertThat(outlet.displayPrices()).as("the old flag read as display_prices").isEqualTo("inclusive");
        assertThat(outlet.countryId()).isEqualTo("NZ");
        assertThat(outlet.currency()).isEqualTo("NZD");
    }

    @Test
    void shouldReadBackWhatItWrites() {
        final VendTax tax = new VendTax("gst", "GST", "GST 15%", List.of(new VendTaxRate("r1", "GST", new BigDecimal("0.15"))),
                true, false, 7, 9);
        final VendOutlet outlet = new VendOutlet("o1", "Main", "NZD", "exclusive", "NZ", "gst", false, 3, 4);

        assertThat(roundTrip(VendTax.class, tax)).isEqualTo(tax);
        assertThat(roundTrip(VendOutlet.class, outlet)).isEqualTo(outlet);
        assertThat(new String(new JsonSerde<>(VendOutlet.class).serializer().serialize("state", outlet), StandardCharsets.UTF_8))
                .doesNotContain("taxInclusive").doesNotContain("\"country\"");
    }
}
