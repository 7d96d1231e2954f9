package io.vendsync.mapper.inventory.internals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vendsync.mapper.internals.JsonSerde;
import io.vendsync.mapper.vend.VendInventory;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
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
    void shouldKeepThePublishedKeysInTheOrderTheyWereLastPublishedTo() {
        // The last key is where the record's stock went last (zeroed there when its outlet is deleted); not sorted order.
        final InventoryEntry entry = new InventoryEntry(
                new VendInventory("inv-5", "prod-5", "outlet-1", 4, 50, false, 1L, "store", false), null,
                ordered("vend-outlet-1/SKU-5", 50L, "store-akl/SKU-5", 50L));

        assertThat(roundTrip(entry).published().keySet()).containsExactly("vend-outlet-1/SKU-5", "store-akl/SKU-5");
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

    @Test
    void shouldWriteFormatOneByteForByteAsItWasFirstWritten() throws IOException {
        // Entries already in stores and changelogs, and a mapper of the previous release during a rolling upgrade, read
        // this format: the writer may get faster, the bytes may not change. Multi-byte UTF-8, so a length in chars would show.
        final InventoryEntry entry = new InventoryEntry(
                new VendInventory("inv-4", "prod-\u00e9\u20ac", "outlet-2", -7, 99, false, 1_700_000_000_123L, null, true),
                "0123456789abcdef0123456789abcdef", ordered("ch-a/SKU-4", 99L, "ch-b/SKU-\ud83d\ude00", 98L));
        final ByteArrayOutputStream expected = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(expected)) {
            out.writeByte(1);
            utf8(out, "inv-4");
            utf8(out, "prod-\u00e9\u20ac");
            utf8(out, "outlet-2");
            out.writeLong(-7);
            out.writeLong(99);
            out.writeBoolean(false);
            out.writeLong(1_700_000_000_123L);
            out.writeInt(-1);
            out.writeBoolean(true);
            utf8(out, "0123456789abcdef0123456789abcdef");
            out.writeInt(2);
            utf8(out, "ch-a/SKU-4");
            out.writeLong(99);
            utf8(out, "ch-b/SKU-\ud83d\ude00");
            out.writeLong(98);
        }

        assertThat(serde.serializer().serialize("t", entry)).isEqualTo(expected.toByteArray());
    }

    @Test
    void shouldWriteADeletionWithoutOutletOutcomeOrPublishedKeysAsItWasFirstWritten() throws IOException {
        final InventoryEntry entry = new InventoryEntry(new VendInventory("inv-6", "prod-6", null, 0, 3, true, 0, "store", false),
                null, Map.of());
        final ByteArrayOutputStream expected = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(expected)) {
            out.writeByte(1);
            utf8(out, "inv-6");
            utf8(out, "prod-6");
            out.writeInt(-1);
            out.writeLong(0);
            out.writeLong(3);
            out.writeBoolean(true);
            out.writeLong(0);
            utf8(out, "store");
            out.writeBoolean(false);
            out.writeInt(-1);
            out.writeInt(0);
        }

        assertThat(serde.serializer().serialize("t", entry)).isEqualTo(expected.toByteArray());
    }

    @Test
    void shouldRefuseAnEntryCutShortInsteadOfMisreadingIt() {
        final byte[] whole = serde.serializer().serialize("t", new InventoryEntry(
                new VendInventory("inv-5", "prod-5", "outlet-1", 1, 2, false, 3, "store", false), "x", Map.of("k/S", 2L)));

        assertThatThrownBy(() -> serde.deserializer().deserialize("t", Arrays.copyOf(whole, whole.length - 3)))
                .isInstanceOf(SerializationException.class).hasMessageContaining("cut short");
        assertThatThrownBy(() -> serde.deserializer().deserialize("t", Arrays.copyOf(whole, 8))) // inside the first string
                .isInstanceOf(SerializationException.class).hasMessageContaining("a string of length 5 where 3 bytes are left");
        assertThatThrownBy(() -> serde.deserializer().deserialize("t", Arrays.copyOf(whole, whole.length + 2)))
                .isInstanceOf(SerializationException.class).hasMessageContaining("2 bytes after the last field");
    }

    @Test
    void shouldRefuseImpossibleLengthsAndANullPublishedKey() {
        final byte[] whole = serde.serializer().serialize("t", new InventoryEntry(
                new VendInventory("inv-7", "prod-7", "outlet-1", 1, 2, false, 3, "store", false), "x", Map.of("k/S", 2L)));
        final byte[] negativeLength = whole.clone();
        ByteBuffer.wrap(negativeLength).putInt(1, -2); // the id's length
        final byte[] nullKey = whole.clone();
        ByteBuffer.wrap(nullKey).putInt(whole.length - Long.BYTES - "k/S".length() - Integer.BYTES, -1);
        final byte[] negativeCount = Arrays.copyOf(whole, whole.length - Long.BYTES - "k/S".length() - Integer.BYTES);
        ByteBuffer.wrap(negativeCount).putInt(negativeCount.length - Integer.BYTES, -1);

        assertThatThrownBy(() -> serde.deserializer().deserialize("t", negativeLength))
                .isInstanceOf(SerializationException.class).hasMessageContaining("a string of length -2");
        assertThatThrownBy(() -> serde.deserializer().deserialize("t", nullKey))
                .isInstanceOf(SerializationException.class).hasMessageContaining("a published key that is null");
        assertThatThrownBy(() -> serde.deserializer().deserialize("t", negativeCount))
                .isInstanceOf(SerializationException.class).hasMessageContaining("a negative count of published keys");
    }

    private static void utf8(final DataOutputStream out, final String value) throws IOException {
        final byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    private InventoryEntry roundTrip(final InventoryEntry entry) {
        return serde.deserializer().deserialize("t", serde.serializer().serialize("t", entry));
    }

    private static Map<String, Long> ordered(final String first, final long firstVersion, final String second, final long secondVersion) {
        final Map<String, Long> published = new java.util.LinkedHashMap<>();
        published.put(first, firstVersion);
        published.put(second, secondVersion);
        return published;
    }
}
