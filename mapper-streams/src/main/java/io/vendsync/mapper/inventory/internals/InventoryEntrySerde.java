package io.vendsync.mapper.inventory.internals;

import io.vendsync.mapper.internals.JsonSerde;
import io.vendsync.mapper.vend.VendInventory;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * A compact binary form of {@link InventoryEntry}: every stock change reads and writes one, so its encoding is on the
 * hot path (as JSON it cost about a tenth of the stream thread, and Jackson interned every canonical key of the
 * published map as a field name). Format 1: a format byte, then the record's fields in declaration order, the last
 * outcome and the published map; strings as length-prefixed UTF-8, -1 for null. Entries written as JSON (before this
 * format) still read: JSON starts with '{', never with a format byte.
 */
public final class InventoryEntrySerde implements Serde<InventoryEntry> {

    private static final byte FORMAT_1 = 1;
    private static final JsonSerde<InventoryEntry> JSON = new JsonSerde<>(InventoryEntry.class);

    @Override
    public Serializer<InventoryEntry> serializer() {
        return (topic, entry) -> entry == null ? null : write(entry);
    }

    @Override
    public Deserializer<InventoryEntry> deserializer() {
        return (topic, bytes) -> {
            if (bytes == null) {
                return null;
            }
            if (bytes.length > 0 && bytes[0] == '{') {
                return JSON.deserializer().deserialize(topic, bytes);
            }
            if (bytes.length == 0 || bytes[0] != FORMAT_1) {
                throw new SerializationException("Unknown inventory entry format " + (bytes.length == 0 ? "(empty)" : bytes[0])
                        + " in " + topic);
            }
            try {
                return read(bytes);
            } catch (IOException e) {
                throw new SerializationException("Cannot read an inventory entry from " + topic, e);
            }
        };
    }

    static byte[] write(final InventoryEntry entry) {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(FORMAT_1);
            final VendInventory record = entry.record();
            writeString(out, record.id());
            writeString(out, record.productId());
            writeString(out, record.outletId());
            out.writeLong(record.inventoryLevel());
            out.writeLong(record.version());
            out.writeBoolean(record.deleted());
            out.writeLong(record.sourceTsMs());
            writeString(out, record.domainPrefix());
            out.writeBoolean(record.fromBom());
            writeString(out, entry.lastOutcome());
            out.writeInt(entry.published().size());
            for (final Map.Entry<String, Long> published : entry.published().entrySet()) {
                writeString(out, published.getKey());
                out.writeLong(published.getValue());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a ByteArrayOutputStream does not fail
        }
        return bytes.toByteArray();
    }

    private static InventoryEntry read(final byte[] bytes) throws IOException {
        final DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes, 1, bytes.length - 1));
        final VendInventory record = new VendInventory(readString(in), readString(in), readString(in), in.readLong(),
                in.readLong(), in.readBoolean(), in.readLong(), readString(in), in.readBoolean());
        final String lastOutcome = readString(in);
        final int size = in.readInt();
        final Map<String, Long> published = new TreeMap<>();
        for (int i = 0; i < size; i++) {
            published.put(readString(in), in.readLong());
        }
        return new InventoryEntry(record, lastOutcome, published);
    }

    private static void writeString(final DataOutputStream out, final String value) throws IOException {
        if (value == null) {
            out.writeInt(-1);
            return;
        }
        final byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        out.writeInt(utf8.length);
        out.write(utf8);
    }

    private static String readString(final DataInputStream in) throws IOException {
        final int length = in.readInt();
        if (length < 0) {
            return null;
        }
        final byte[] utf8 = new byte[length];
        in.readFully(utf8);
        return new String(utf8, StandardCharsets.UTF_8);
    }
}
