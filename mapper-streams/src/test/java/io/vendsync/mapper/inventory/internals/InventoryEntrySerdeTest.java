package io.vendsync.mapper.inventory.internals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vendsync.mapper.internals.JsonSerde;
import io.vendsync.mapper.vend.VendInventory;
import java.util.Map;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class InventoryEntrySerdeTest {

    private final InventoryEntrySerde serde = new InventoryEntrySerde();

    @Test
    void shouldReadBackEveryFieldOfAnEntry() {
        final InventoryEntry entry = new InventoryEntry(
                new VendInventory("inv-1", "prod-1", "outlet-1", -3, 42, false, 1_700_000_000_000L, "store", true),
                "level:SKU-1\u001fch-akl\u001f-3\u001f", Map.of("ch-akl/SKU-1", 42L, "ch-wlg/SKU-1", 7L));

        assertThat(roundTrip(entry)).isEqualTo(entry);
    }

    @Test
    void shouldKeepNullsAsNulls() {
        // A deletion without its outlet, nothing published yet, a producer that did not say its domain.
        final InventoryEntry entry = new InventoryEntry(
                new VendInventory("inv-2", "prod-2", null, 0, 9, true, 0, null, false), null, Map.of());

        assertThat(roundTrip(entry)).isEqualTo(entry);
    }

    @Test
    void shouldStillReadAnEntryStoredAsJsonBeforeTheBinaryFormat() {
        final InventoryEntry entry = new InventoryEntry(
                new VendInventory("inv-3", "prod-3", "outlet-1", 5, 11, false, 1L, "store", false), "error:X", Map.of("k/S", 11L));
        final byte[] json = new JsonSerde<>(InventoryEntry.class).serializer().serialize("t", entry);

        assertThat(serde.deserializer().deserialize("t", json)).isEqualTo(entry);
    }

    @Test
    void shouldRefuseBytesOfAnUnknownFormatInsteadOfMisreadingThem() {
        assertThatThrownBy(() -> serde.deserializer().deserialize("t", new byte[] {9, 0, 0}))
                .isInstanceOf(SerializationException.class).hasMessageContaining("format 9");
    }

    private InventoryEntry roundTrip(final InventoryEntry entry) {
        return serde.deserializer().deserialize("t", serde.serializer().serialize("t", entry));
    }
}
