package io.vendsync.mapper.inventory.internals;

import io.vendsync.mapper.internals.JsonSerde;
import io.vendsync.mapper.vend.VendInventory;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.LinkedHashMap;
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
            } catch (BufferUnderflowException | IndexOutOfBoundsException | IllegalArgumentException e) {
                throw new SerializationException("Cannot read an inventory entry from " + topic + ": it is cut short or corrupt ("
                        + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()) + ")", e);
            }
        };
    }

    static byte[] write(final InventoryEntry entry) {
        // Sized first, then written in place: fewer calls and copies than the DataOutputStream over a ByteArrayOutputStream
        // that wrote format 1 first (its int, byte and boolean writes each a synchronized call).
        final VendInventory record = entry.record();
        final byte[] id = utf8(record.id());
        final byte[] productId = utf8(record.productId());
        final byte[] outletId = utf8(record.outletId());
        final byte[] domainPrefix = utf8(record.domainPrefix());
        final byte[] lastOutcome = utf8(entry.lastOutcome());
        final List<byte[]> publishedKeys = new ArrayList<>(entry.published().size());
        int size = 1 + sized(id) + sized(productId) + sized(outletId) + 3 * Long.BYTES + 1 + sized(domainPrefix) + 1
                + sized(lastOutcome) + Integer.BYTES;
        for (final String key : entry.published().keySet()) {
            publishedKeys.add(utf8(key));
            size += sized(publishedKeys.get(publishedKeys.size() - 1)) + Long.BYTES;
        }
        final ByteBuffer out = ByteBuffer.allocate(size);
        out.put(FORMAT_1);
        put(out, id);
        put(out, productId);
        put(out, outletId);
        out.putLong(record.inventoryLevel());
        out.putLong(record.version());
        out.put((byte) (record.deleted() ? 1 : 0));
        out.putLong(record.sourceTsMs());
        put(out, domainPrefix);
        out.put((byte) (record.fromBom() ? 1 : 0));
        put(out, lastOutcome);
        out.putInt(publishedKeys.size());
        final Iterator<byte[]> keys = publishedKeys.iterator();
        for (final Long version : entry.published().values()) { // the same map, so the same order as its keys above
            put(out, keys.next());
            out.putLong(version);
        }
        return out.array();
    }

    private static InventoryEntry read(final byte[] bytes) {
        final ByteBuffer in = ByteBuffer.wrap(bytes, 1, bytes.length - 1);
        final VendInventory record = new VendInventory(readString(in), readString(in), readString(in), in.getLong(),
                in.getLong(), in.get() != 0, in.getLong(), readString(in), in.get() != 0);
        final String lastOutcome = readString(in);
        final int size = in.getInt();
        if (size < 0) {
            throw new IllegalArgumentException("a negative count of published keys, " + size);
        }
        final Map<String, Long> published;
        if (size == 1) {
            // One key, as nearly every entry has: a one-entry map, which the entry keeps as it is (no tree).
            published = Map.of(publishedKey(in), in.getLong());
        } else {
            published = new LinkedHashMap<>(); // in the order written: the key published to last, last
            for (int i = 0; i < size; i++) {
                published.put(publishedKey(in), in.getLong());
            }
        }
        if (in.hasRemaining()) {
            throw new IllegalArgumentException(in.remaining() + " bytes after the last field");
        }
        return new InventoryEntry(record, lastOutcome, published);
    }

    private static String publishedKey(final ByteBuffer in) {
        final String key = readString(in);
        if (key == null) {
            throw new IllegalArgumentException("a published key that is null");
        }
        return key;
    }

    private static byte[] utf8(final String value) {
        return value == null ? null : value.getBytes(StandardCharsets.UTF_8);
    }

    private static int sized(final byte[] utf8) {
        return Integer.BYTES + (utf8 == null ? 0 : utf8.length);
    }

    /** A string as its length and UTF-8 bytes, -1 for null (what {@code DataOutputStream.writeInt} and {@code write} wrote). */
    private static void put(final ByteBuffer out, final byte[] utf8) {
        if (utf8 == null) {
            out.putInt(-1);
            return;
        }
        out.putInt(utf8.length);
        out.put(utf8);
    }

    private static String readString(final ByteBuffer in) {
        final int length = in.getInt();
        if (length == -1) {
            return null;
        }
        if (length < 0 || length > in.remaining()) {
            throw new IllegalArgumentException("a string of length " + length + " where " + in.remaining() + " bytes are left");
        }
        final String value = new String(in.array(), in.arrayOffset() + in.position(), length, StandardCharsets.UTF_8);
        in.position(in.position() + length);
        return value;
    }
}
