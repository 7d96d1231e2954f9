package io.vendsync.mapper.vend;

import static org.assertj.core.api.Assertions.assertThat;

import io.vendsync.mapper.TopologyFixture;
import io.vendsync.mapper.internals.JsonSerde;
import io.vendsync.schemas.raw.Op;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class VendSaleParserTest {

    private static final String SALE = "{\"id\":\"s1\",\"outlet_id\":\"o1\",\"register_id\":\"r1\",\"status\":\"CLOSED\","
            + "\"total_price\":10,\"total_tax\":1.5,\"line_items\":[],\"payments\":[],\"version\":7,\"deleted_at\":%s}";

    @Test
    void shouldStoreALiveSaleInTheJsonItHadBeforeDeletionsWereReadSoStoredSalesKeepTheirJoinHashes() throws InvalidPayloadException {
        final JsonSerde<VendSale> serde = new JsonSerde<>(VendSale.class);
        final VendSale live = VendSaleParser.sale("s1", TopologyFixture.change(Op.u, "sales", SALE.formatted("null"), 7, 1));
        final VendSale deleted = VendSaleParser.sale("s1",
                TopologyFixture.change(Op.d, "sales", SALE.formatted("\"2026-11-25T08:00:00+00:00\""), 8, 1));

        final String stored = new String(serde.serializer().serialize("t", live), StandardCharsets.UTF_8);
        assertThat(stored).doesNotContain("deleted");
        assertThat(live.deleted()).isFalse();
        assertThat(deleted.deleted()).isTrue();
        assertThat(serde.deserializer().deserialize("t", serde.serializer().serialize("t", deleted)).deleted()).isTrue();
    }
}
