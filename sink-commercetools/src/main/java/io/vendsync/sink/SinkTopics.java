package io.vendsync.sink;

import io.vendsync.schemas.Topic;
import io.vendsync.schemas.Topics;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.kafka.common.serialization.Serdes;

/**
 * The sink's private topics, beside the public contract ({@link Topics}): its retry tiers, dead letters and applied
 * versions; only the sink and the dlq command use them. Same prefix as the contract they are derived from.
 */
public final class SinkTopics {

    /** Retry tiers (inventory and catalog) provisioned by default and listed by {@code vendsync topics} (the sink's default). */
    public static final int DEFAULT_RETRY_TIERS = 3;

    public final List<Topic<byte[], byte[]>> inventoryRetries;
    public final Topic<byte[], byte[]> inventoryDlq;
    public final Topic<String, String> inventoryDlqResolved;
    public final List<Topic<byte[], byte[]>> catalogRetries;
    public final Topic<byte[], byte[]> catalogDlq;
    public final Topic<String, String> catalogApplied;

    private final String prefix;

    private SinkTopics(final Topics topics) {
        prefix = topics.prefix();
        inventoryRetries = IntStream.rangeClosed(1, DEFAULT_RETRY_TIERS).mapToObj(this::inventoryRetry).toList();
        // Raw bytes: a failed record keeps the exact key and value it was read with, even when they do not decode.
        inventoryDlq = new Topic<>(prefix + "dlq.sink.inventory", Serdes.ByteArray(), Serdes.ByteArray(),
                Topic.CleanupPolicy.DELETE, "Canonical inventory records the sink could not apply, original bytes plus vendsync.* error headers");
        inventoryDlqResolved = new Topic<>(prefix + "dlq.sink.inventory.resolved", Serdes.String(), Serdes.String(),
                Topic.CleanupPolicy.COMPACT, "Dead letters already replayed, keyed '<dlq partition>/<dlq offset>'");
        catalogRetries = IntStream.rangeClosed(1, DEFAULT_RETRY_TIERS).mapToObj(this::catalogRetry).toList();
        catalogDlq = new Topic<>(prefix + "dlq.sink.catalog", Serdes.ByteArray(), Serdes.ByteArray(), Topic.CleanupPolicy.DELETE,
                "Canonical product, price and tax-category records the sink could not apply, original bytes plus vendsync.* error headers");
        catalogApplied = new Topic<>(prefix + "ops.sink-catalog-applied", Serdes.String(), Serdes.String(), Topic.CleanupPolicy.COMPACT,
                "Highest Vend source version the sink applied per '<canonical topic>|<key>' of products, prices and tax categories");
    }

    public static SinkTopics of(final Topics topics) {
        return new SinkTopics(topics);
    }

    /**
     * Retry tier {@code tier} (1-based) of the commercetools inventory sink, {@code <prefix>retry.sink.inventory.<tier>}.
     * Named by position, not by delay, so changing the configured delays never strands records in a topic no one reads.
     */
    public Topic<byte[], byte[]> inventoryRetry(final int tier) {
        if (tier < 1) {
            throw new IllegalArgumentException("retry tiers start at 1, not " + tier);
        }
        return new Topic<>(prefix + "retry.sink.inventory." + tier, Serdes.ByteArray(), Serdes.ByteArray(),
                Topic.CleanupPolicy.DELETE, "Canonical inventory records waiting for sink retry " + tier + ", original bytes plus vendsync.* headers");
    }

    /** Retry tier {@code tier} (1-based) of the sink's catalog loop (products, prices, tax categories), {@code <prefix>retry.sink.catalog.<tier>}. */
    public Topic<byte[], byte[]> catalogRetry(final int tier) {
        if (tier < 1) {
            throw new IllegalArgumentException("retry tiers start at 1, not " + tier);
        }
        return new Topic<>(prefix + "retry.sink.catalog." + tier, Serdes.ByteArray(), Serdes.ByteArray(),
                Topic.CleanupPolicy.DELETE, "Canonical catalog records waiting for sink retry " + tier + ", original bytes plus vendsync.* headers");
    }

    public List<Topic<?, ?>> all() {
        final List<Topic<?, ?>> all = new ArrayList<>(inventoryRetries);
        all.add(inventoryDlq);
        all.add(inventoryDlqResolved);
        all.addAll(catalogRetries);
        all.add(catalogDlq);
        all.add(catalogApplied);
        return List.copyOf(all);
    }
}
