package io.vendsync.mapper.vend;

import static org.assertj.core.api.Assertions.assertThat;

import io.vendsync.mapper.TopologyFixture;
import io.vendsync.schemas.raw.Op;
import org.junit.jupiter.api.Test;

class VendReferenceParserTest {

    @Test
    void shouldKeepARetailerWhoseVersionIsNotANumberAtTheVersionTheIngestGaveIt() throws InvalidPayloadException {
        // Vend's specs type the retailer's version as a string; the ingest then versions the record by the time it read it.
        final String after = "{\"id\":\"r1\",\"currency\":{\"code\":\"nzd\"},\"tax_exclusive\":true,\"discount_product_id\":\"p-disc\","
                + "\"version\":\"v2026-11-01\"}";

        final VendRetailer retailer = VendReferenceParser.retailer("r1", TopologyFixture.change(Op.u, "retailer", after, 1764547200000L, 1));

        assertThat(retailer.version()).isEqualTo(1764547200000L);
        assertThat(retailer.currency()).isEqualTo("NZD");
        assertThat(retailer.discountProductId()).isEqualTo("p-disc");
        // One that is a number, as text or not, is the retailer's own version, as before.
        assertThat(VendReferenceParser.retailer("r1", TopologyFixture.change(Op.u, "retailer", after.replace("\"v2026-11-01\"", "\"41\""),
                1764547200000L, 1)).version()).isEqualTo(41L);
    }
}
