package io.vendsync.ingest.vend;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class BodyTruncationTest {

    @Test
    void shouldCutToTheByteLimitOnACharacterBoundary() {
        assertThat(BodyTruncation.truncate("short", 10)).isEqualTo("short");
        assertThat(BodyTruncation.truncate("abcdefghij", 4)).isEqualTo("abcd...");
        // "é" is two bytes: five of them do not fit in 5 bytes, and none is split.
        final String cut = BodyTruncation.truncate("ééééé", 5);
        assertThat(cut).isEqualTo("éé...");
        assertThat(cut.substring(0, cut.length() - 3).getBytes(StandardCharsets.UTF_8)).hasSizeLessThanOrEqualTo(5);
        assertThat(BodyTruncation.truncate(null, 5)).isNull();
    }

    @Test
    void shouldCapSalesPagesAt500AndLeaveOtherCollectionsAtTheConfiguredSize() {
        assertThat(VendCollections.pageSize("sales", 10_000)).isEqualTo(500);
        assertThat(VendCollections.pageSize("sales", 200)).isEqualTo(200);
        assertThat(VendCollections.pageSize("inventory", 10_000)).isEqualTo(10_000);
        assertThat(VendCollections.pageSize("consignments", 750)).isEqualTo(750);
    }
}
